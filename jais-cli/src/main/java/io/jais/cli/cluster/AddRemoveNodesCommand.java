package io.jais.cli.cluster;

import io.jais.api.Action;
import io.jais.api.cluster.RmNodeMsg;
import io.jais.cli.Session;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code jais cluster add-remove-nodes start-maintenance|stop-maintenance|decommission|shutdown|join}
 * (AIS {@code ais cluster add-remove-nodes}).
 */
@Command(name = "add-remove-nodes", mixinStandardHelpOptions = true,
    description = "Put nodes into maintenance and back, decommission, shut down or add (join) nodes.",
    subcommands = {AddRemoveNodesCommand.StartMaintenance.class, AddRemoveNodesCommand.StopMaintenance.class,
        AddRemoveNodesCommand.Decommission.class, AddRemoveNodesCommand.Shutdown.class, AddRemoveNodesCommand.Join.class})
public final class AddRemoveNodesCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** What every node action takes: the node and whether to skip the rebalance. */
  abstract static class NodeAction implements Runnable {
    @Parameters(index = "0", paramLabel = "NODE_ID", description = "the node (see `jais show cluster`)")
    String nodeId;

    @Option(names = "--no-rebalance", description = "do not wait for the rebalance that moves the node's objects")
    boolean noRebalance;

    final Session session;

    NodeAction(Session session) {
      this.session = session;
    }

    void change(String action, boolean rmUserData, String done) {
      String rebalance = session.client().cluster().changeMembership(action,
          new RmNodeMsg(nodeId, null, noRebalance, rmUserData, false, false));
      session.out().println(done + (rebalance.isEmpty() ? "" : " (rebalance " + rebalance + ")"));
    }
  }

  @Command(name = "start-maintenance", mixinStandardHelpOptions = true,
      description = "Put a node into maintenance: it keeps running but owns no objects and cannot become primary.")
  static final class StartMaintenance extends NodeAction {
    StartMaintenance(Session session) {
      super(session);
    }

    @Override
    public void run() {
      change(Action.START_MAINTENANCE, false, "Node \"" + nodeId + "\" is in maintenance");
    }
  }

  @Command(name = "stop-maintenance", mixinStandardHelpOptions = true,
      description = "Take a node out of maintenance: it owns objects again.")
  static final class StopMaintenance extends NodeAction {
    StopMaintenance(Session session) {
      super(session);
    }

    @Override
    public void run() {
      change(Action.STOP_MAINTENANCE, false, "Node \"" + nodeId + "\" is out of maintenance");
    }
  }

  @Command(name = "decommission", mixinStandardHelpOptions = true,
      description = "Remove a node for good: its objects move off first, then it leaves the cluster and stops.")
  static final class Decommission extends NodeAction {
    @Option(names = "--rm-user-data", description = "the node deletes its objects once it has left")
    boolean rmUserData;

    Decommission(Session session) {
      super(session);
    }

    @Override
    public void run() {
      change(Action.DECOMMISSION_NODE, rmUserData, "Node \"" + nodeId + "\" decommissioned");
    }
  }

  @Command(name = "shutdown", mixinStandardHelpOptions = true,
      description = "Stop a node: it goes into maintenance and keeps its place; restarted, it stays in maintenance "
          + "until stop-maintenance.")
  static final class Shutdown extends NodeAction {
    Shutdown(Session session) {
      super(session);
    }

    @Override
    public void run() {
      change(Action.SHUTDOWN_NODE, false, "Node \"" + nodeId + "\" is shutting down");
    }
  }

  @Command(name = "join", mixinStandardHelpOptions = true,
      description = "Add a running node that waits to be added (a target started without primary_url).")
  static final class Join implements Runnable {
    @Parameters(index = "0", paramLabel = "URL|IP:PORT", description = "the node's public address")
    String address;

    @Option(names = "--role", defaultValue = "target", description = "target (default) or proxy")
    String role;

    private final Session session;

    Join(Session session) {
      this.session = session;
    }

    @Override
    public void run() {
      String url = address.contains("://") ? address : "http://" + address;
      String id = session.client().cluster().adminJoin(url, role);
      session.out().println("Node \"" + id + "\" at " + url + " joined the cluster");
    }
  }
}
