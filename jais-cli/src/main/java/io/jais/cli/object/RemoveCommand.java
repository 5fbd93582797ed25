package io.jais.cli.object;

import io.jais.api.bucket.Bucket;
import io.jais.api.error.JaisException;
import io.jais.api.job.DeleteObjectsMsg;
import io.jais.api.job.JobKind;
import io.jais.api.object.ListFlags;
import io.jais.api.object.ListObjectsMsg;
import io.jais.api.object.ObjectEntry;
import io.jais.cli.CommandFailedException;
import io.jais.cli.Confirmation;
import io.jais.cli.ObjectPath;
import io.jais.cli.Session;
import io.jais.cli.job.JobWaiting;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code jais object rm BUCKET[/NAME_OR_TEMPLATE]...} (shortcut {@code jais rmo}), by the rules
 * of {@code ais rmo}: a name is an object, or, when only longer names start with it, a prefix
 * (everything under it goes); a brace template ({@code shard-{0..9}.tar}) or {@code --list},
 * {@code --template}, {@code --prefix} start the cluster's {@code delete-listrange} job
 * ({@code --wait} waits for it); {@code --all} deletes every object of the bucket after asking.
 * Arguments are handled in order and the first failure stops the command, as in AIS.
 */
@Command(name = "rm", mixinStandardHelpOptions = true, description = "Remove objects (as 'ais object rm').")
public class RemoveCommand implements Runnable {
  private static final int ALL_WORKERS = 16;

  @Parameters(arity = "1..*", paramLabel = "BUCKET[/NAME]", converter = ObjectPath.Converter.class)
  List<ObjectPath> objects;

  @Option(names = "--list", paramLabel = "NAMES", description = "comma-separated object names to remove (one job)")
  String list;

  @Option(names = "--template", paramLabel = "TEMPLATE", description = "remove the names this template matches, e.g. 'shard-{000..099}.tar' (one job)")
  String template;

  @Option(names = "--prefix", description = "remove every object whose name starts with this (one job)")
  String prefix;

  @Option(names = "--all", description = "remove all objects of the bucket (asks first, unless -y)")
  boolean all;

  @Option(names = {"--nr", "--non-recursive"}, description = "with a prefix: only the objects directly under it; a name without '/' is an object")
  boolean nonRecursive;

  @Option(names = "--wait", description = "wait for the multi-object job to finish")
  boolean await;

  @Option(names = "--timeout", paramLabel = "DURATION", description = "with --wait: give up after this long (default: as long as it takes)")
  Duration timeout;

  @Option(names = "--progress", description = "with --wait: show objects done as the job goes")
  boolean progress;

  @Option(names = {"-v", "--verbose"}, description = "with --all: one line per object")
  boolean verbose;

  @Option(names = {"--nv", "--non-verbose"}, description = "do not print the 'deleted ...' line")
  boolean quiet;

  @Option(names = "--skip-lookup", hidden = true, description = "accepted for ais compatibility (jais never looks the bucket up first)")
  boolean skipLookup;

  @Mixin Confirmation confirmation;

  private final Session session;

  protected RemoveCommand(Session session) {
    this.session = session;
  }

  @Override
  public void run() {
    int selectors = (list != null ? 1 : 0) + (template != null ? 1 : 0) + (prefix != null ? 1 : 0);
    if (selectors > 1) {
      throw new IllegalArgumentException("--list, --template and --prefix are mutually exclusive");
    }
    if (verbose && quiet) {
      throw new IllegalArgumentException("--verbose and --non-verbose are mutually exclusive");
    }
    for (ObjectPath path : objects) {
      removeOne(path, selectors > 0);
    }
  }

  private void removeOne(ObjectPath path, boolean selected) {
    Bucket bucket = path.bucket();
    String name = path.object();
    if (selected) {
      if (!name.isEmpty()) {
        throw new IllegalArgumentException("object name or prefix (" + name
            + ") cannot be used together with --list, --template or --prefix (tip: use one or the other)");
      }
      if (list != null) {
        startJob(bucket, null, Arrays.stream(list.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList());
      } else {
        String selection = template != null ? template : prefix;
        // an empty prefix or template (e.g. an unset shell variable) selects the whole bucket: ask as --all does
        if (selection.isEmpty()) {
          session.err().println("Warning: will remove all objects from " + bucket.uri() + ". The operation cannot be undone!");
          if (!confirmation.confirm(session, "Proceed?")) {
            return;
          }
        }
        startJob(bucket, selection, null);
      }
      return;
    }
    if (name.isEmpty()) {
      if (!all) {
        throw new IllegalArgumentException("\"" + bucket.uri() + "\": to select objects to be removed use one of:"
            + " (--list or --template or --prefix or --all)");
      }
      removeAll(bucket);
      return;
    }
    if (isPattern(name)) {
      startJob(bucket, name, null);
      return;
    }
    // a trailing '/' is a prefix; with --nr any other name is an object; else one list page decides
    boolean object = !name.endsWith("/") && (nonRecursive || isObject(bucket, name));
    if (object) {
      deleteObject(bucket, name);
    } else {
      startJob(bucket, name, null);
    }
  }

  private static boolean isPattern(String name) {
    return name.contains("{") && name.contains("}") || name.contains("*") || name.contains("?") || name.contains("[");
  }

  /**
   * Object or embedded prefix, as AIS decides it: list one page under the name. An exact match
   * is an object; only longer names make it a prefix; both is ambiguous; neither is not found.
   */
  private boolean isObject(Bucket bucket, String name) {
    List<ObjectEntry> page = session.client().buckets()
        .listPage(bucket, ListObjectsMsg.of(name, 0).withProps("name").withFlags(ListFlags.NAME_ONLY)).entries();
    boolean exact = page.stream().anyMatch(e -> e.name().equals(name));
    boolean longer = page.stream().anyMatch(e -> !e.name().equals(name));
    if (exact && longer) {
      throw new CommandFailedException("part of the URI \"" + name + "\" can be interpreted as an object name and/or"
          + " multi-object matching prefix (tip: to disambiguate, use either --nr or --prefix)");
    }
    return exact || !longer; // neither: the delete says it does not exist
  }

  private void deleteObject(Bucket bucket, String name) {
    try {
      session.client().objects().delete(bucket, name);
    } catch (JaisException e) {
      if (e.code().status() == 404) {
        String hint = objects.size() > 1 ? " (hint: missing double or single quotes?)" : "";
        throw new CommandFailedException("\"" + bucket.uri() + "/" + name + "\" does not exist" + hint);
      }
      throw e;
    }
    if (!quiet) {
      session.out().println("deleted \"" + name + "\" from " + bucket.uri());
    }
  }

  private void startJob(Bucket bucket, String templateOrPrefix, List<String> names) {
    String id = session.client().buckets().deleteObjects(bucket,
        new DeleteObjectsMsg(templateOrPrefix, names, 0, false, nonRecursive));
    String cname = JobKind.cname(JobKind.find(JobKind.DELETE_OBJECTS).map(JobKind::displayName).orElse("delete-objects"), id);
    String text;
    if (names != null) {
      String shown = names.size() > 4 ? "[" + String.join(" ", names.subList(0, 4)) + "]..." : "[" + String.join(" ", names) + "]";
      text = cname + ": " + shown + " removed from " + bucket.uri();
    } else if (templateOrPrefix.isEmpty()) {
      text = cname + ": removed entire bucket " + bucket.uri();
    } else {
      text = cname + ": removed \"" + templateOrPrefix + "\" from " + bucket.uri();
    }
    if (!await) {
      session.out().println(text + ". To monitor the progress, run 'jais show job " + id + "'");
      return;
    }
    session.out().println(text + " ...");
    JobWaiting.waitFor(session, id, timeout, progress);
    session.out().println("Done.");
  }

  /** {@code --all}: list, then delete one by one in parallel (as {@code ais rmo --all}), after asking. */
  private void removeAll(Bucket bucket) {
    session.err().println("Warning: will remove all objects from " + bucket.uri() + ". The operation cannot be undone!");
    if (!confirmation.confirm(session, "Proceed?")) {
      return;
    }
    List<String> names;
    try (Stream<ObjectEntry> listing = session.client().buckets().list(bucket,
        ListObjectsMsg.of("", 0).withProps("name").withFlags(ListFlags.NAME_ONLY))) {
      names = listing.filter(e -> !e.isDir()).map(ObjectEntry::name).toList();
    }
    if (names.isEmpty()) {
      session.out().println(bucket.uri() + " is empty, nothing to do.");
      return;
    }
    List<Workers.Failure<String>> failures = Workers.run(names, ALL_WORKERS, name -> {
      session.client().objects().delete(bucket, name);
      if (verbose) {
        session.out().println("deleted " + bucket.uri() + "/" + name);
      }
    });
    failures.forEach(f -> session.err().println("failed to delete " + bucket.uri() + "/" + f.item() + ": " + f.cause().getMessage()));
    int deleted = names.size() - failures.size();
    if (!failures.isEmpty()) {
      throw new CommandFailedException("failed to delete " + failures.size() + " of " + names.size() + " objects from "
          + bucket.uri() + " (" + deleted + " deleted)");
    }
    session.out().println("Deleted " + deleted + (deleted == 1 ? " object" : " objects") + " from " + bucket.uri());
  }

  /** {@code jais rmo}: the AIS shortcut. */
  @Command(name = "rmo", mixinStandardHelpOptions = true, description = "Remove objects (shortcut for 'object rm').")
  public static final class Shortcut extends RemoveCommand {
    Shortcut(Session session) {
      super(session);
    }
  }
}
