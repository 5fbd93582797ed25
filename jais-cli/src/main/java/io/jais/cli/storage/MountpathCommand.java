package io.jais.cli.storage;

import io.jais.cli.Session;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code jais storage mountpath attach|detach|enable|disable|rescan NODE_ID MOUNTPATH}: a target's
 * mountpath operation through the cluster's proxy; the target then resilvers (moves its objects to
 * their mountpaths) unless {@code --no-resilver}. Prints the resilver's job ID, to watch with
 * {@code jais show job ID} or wait for with {@code jais job wait ID}.
 */
@Command(name = "mountpath", mixinStandardHelpOptions = true,
    description = "Attach, detach, enable, disable or rescan a target's mountpath.",
    subcommands = {MountpathCommand.Attach.class, MountpathCommand.Detach.class, MountpathCommand.Enable.class,
        MountpathCommand.Disable.class, MountpathCommand.Rescan.class})
public final class MountpathCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** What every operation takes. */
  abstract static class Operation implements Runnable {
    @Parameters(index = "0", paramLabel = "NODE_ID", description = "the target (its node ID, e.g. from jais show cluster)")
    String node;

    @Parameters(index = "1", paramLabel = "MOUNTPATH", description = "the mountpath directory, absolute")
    String mountpath;

    @Option(names = "--no-resilver", description = "do not move objects afterwards (AIS dntres)")
    boolean noResilver;

    private final Session session;
    private final String action;
    private final String done;

    Operation(Session session, String action, String done) {
      this.session = session;
      this.action = action;
      this.done = done;
    }

    @Override
    public void run() {
      String job = session.client().cluster().mountpath(node, action, mountpath, !noResilver);
      session.out().println(done + " " + mountpath + " on " + node
          + (job.isEmpty() ? "" : "; resilvering: jais show job " + job));
    }
  }

  @Command(name = "attach", mixinStandardHelpOptions = true, description = "Add a mountpath to a target.")
  static final class Attach extends Operation {
    Attach(Session session) {
      super(session, "attach-mp", "Attached");
    }
  }

  @Command(name = "detach", mixinStandardHelpOptions = true,
      description = "Remove a mountpath from a target, moving its objects to the others first.")
  static final class Detach extends Operation {
    Detach(Session session) {
      super(session, "detach-mp", "Detached");
    }
  }

  @Command(name = "enable", mixinStandardHelpOptions = true, description = "Enable a disabled mountpath.")
  static final class Enable extends Operation {
    Enable(Session session) {
      super(session, "enable-mp", "Enabled");
    }
  }

  @Command(name = "disable", mixinStandardHelpOptions = true,
      description = "Disable a mountpath, moving its objects to the others.")
  static final class Disable extends Operation {
    Disable(Session session) {
      super(session, "disable-mp", "Disabled");
    }
  }

  @Command(name = "rescan", mixinStandardHelpOptions = true,
      description = "Move objects found off their mountpath to it (a resilver), mountpaths unchanged.")
  static final class Rescan extends Operation {
    Rescan(Session session) {
      super(session, "rescan-mp", "Rescanned");
    }
  }
}
