package io.jais.cli.bucket;

import io.jais.api.bucket.Bucket;
import io.jais.api.bucket.BucketSummary;
import io.jais.api.bucket.Provider;
import io.jais.api.job.NameTemplate;
import io.jais.api.object.ListFlags;
import io.jais.api.object.ListObjectsMsg;
import io.jais.api.object.ListObjectsPage;
import io.jais.api.object.ObjectEntry;
import io.jais.cli.ObjectPath;
import io.jais.cli.Session;
import io.jais.cli.object.ObjectShowCommand;
import io.jais.cli.render.Durations;
import io.jais.cli.render.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code jais ls [BUCKET[/PREFIX]]} (also {@code jais bucket ls}), by the rules of {@code ais ls}:
 * without a bucket, the buckets ({@code NAME PRESENT} and the {@code Total: [AIS buckets: N]}
 * footer); with one, its objects in name order, and {@code Listed N names} only when more than
 * ten were printed (as AIS, so that short listings are just the table). An empty bucket says
 * {@code No objects in ais://b}; an embedded prefix that matches nothing is an error, and an
 * embedded name that is an object shows the object's properties.
 *
 * <p>Implementation notes: {@code --regex} and the ranges of {@code --template} filter on this
 * side, after the server has listed by prefix, as AIS does; a template without ranges is a prefix
 * and is sent as one. Pages are fetched one by one; only {@code --paged} prints them as they come,
 * otherwise the table is aligned over the whole listing.
 */
@Command(name = "ls", mixinStandardHelpOptions = true,
    description = {"List buckets, or the objects of a bucket (as 'ais ls'), e.g.",
        "  jais ls                               all buckets",
        "  jais ls ais://b --prefix train/       objects under train/",
        "  jais ls ais://b --props name,size,version,checksum"})
public final class ListCommand implements Runnable {
  /** A template with ranges is expanded into a set of names; beyond this many, use --regex. */
  private static final long MAX_TEMPLATE_NAMES = 1_000_000;
  /** AIS prints the {@code Listed N names} footer only for listings longer than this. */
  private static final int FOOTER_AFTER = 10;

  @Parameters(arity = "0..1", paramLabel = "BUCKET[/PREFIX]", converter = ObjectPath.Converter.class)
  ObjectPath path;

  @Option(names = "--prefix", description = "only objects whose names start with this")
  String prefix;

  @Option(names = "--props", split = ",", defaultValue = "name,size",
      description = "columns: name, size, version, checksum, atime, location, copies, custom, or all (default: name,size)")
  List<String> props;

  @Option(names = "--name-only", description = "names only (faster: the server skips sizes and metadata)")
  boolean nameOnly;

  @Option(names = "--regex", paramLabel = "RE", description = "only names (of objects, or of buckets) that this regular expression finds")
  String regex;

  @Option(names = "--template", paramLabel = "TEMPLATE",
      description = "only names the template matches, e.g. 'shard-{000..099}.tar'; one without ranges is a prefix")
  String template;

  @Option(names = {"--nr", "--non-recursive"}, description = "only the objects and virtual directories directly under the prefix")
  boolean nonRecursive;

  @Option(names = "--no-dirs", description = "with --nr: leave out the virtual directories")
  boolean noDirs;

  @Option(names = "--start-after", paramLabel = "NAME", description = "only names after this one")
  String startAfter;

  @Option(names = "--limit", defaultValue = "0", description = "list at most this many objects (0: all)")
  long limit;

  @Option(names = "--paged", description = "print each page as it arrives, with a page footer")
  boolean paged;

  @Option(names = "--page-size", defaultValue = "0", description = "objects per page (0: the server's default)")
  long pageSize;

  @Option(names = "--max-pages", defaultValue = "0", description = "stop after this many pages (0: all)")
  long maxPages;

  @Option(names = "--count-only", description = "print only the number of names listed and the time it took")
  boolean countOnly;

  @Option(names = "--summary", description = "buckets with their object counts and sizes (as 'jais bucket summary')")
  boolean summary;

  @Option(names = {"-H", "--no-headers"}, description = "omit the header line")
  boolean noHeaders;

  @Option(names = {"-F", "--no-footers"}, description = "omit the footer ('Listed N names', 'Total: ...')")
  boolean noFooters;

  @Option(names = {"--all", "--cached", "--skip-lookup", "--silent"}, hidden = true,
      description = "accepted for ais compatibility: on ais:// buckets they change nothing")
  boolean noOps;

  @Option(names = {"-j", "--json"}, description = "print JSON (buckets, or the listed entries)")
  boolean json;

  private final Session session;

  ListCommand(Session session) {
    this.session = session;
  }

  @Override
  public void run() {
    if (limit < 0 || pageSize < 0 || maxPages < 0) {
      throw new IllegalArgumentException("--limit, --page-size and --max-pages must be >= 0");
    }
    if (template != null && prefix != null) {
      throw new IllegalArgumentException("--template and --prefix are mutually exclusive");
    }
    if (summary) {
      summarize();
    } else if (path == null) {
      listBuckets();
    } else if (!showAsObject()) {
      listObjects(path.bucket());
    }
  }

  /**
   * {@code ls ais://b/NAME} where NAME is an object prints the object's properties, as AIS does
   * (it looks the name up before listing); otherwise NAME is a prefix.
   */
  private boolean showAsObject() {
    if (!path.hasObject() || path.object().endsWith("/") || prefix != null || template != null || json || summary) {
      return false;
    }
    return session.client().objects().headIfExists(path.bucket(), path.object()).map(attrs -> {
      ObjectShowCommand.print(session, path, attrs, ObjectShowCommand.defaultProperties(), !noHeaders);
      return true;
    }).orElse(false);
  }

  private Predicate<String> regexFilter() {
    if (regex == null) {
      return name -> true;
    }
    try {
      Pattern pattern = Pattern.compile(regex);
      return name -> pattern.matcher(name).find();
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException("--regex: " + e.getDescription() + " in \"" + regex + "\"");
    }
  }

  private List<Bucket> buckets() {
    Predicate<String> matches = regexFilter();
    return session.client().buckets().list(Provider.AIS).stream().filter(b -> matches.test(b.name())).toList();
  }

  private void summarize() {
    List<Bucket> buckets = path == null ? buckets() : List.of(path.bucket());
    String under = prefix != null ? prefix : path == null ? "" : path.object();
    List<BucketSummary> summaries = buckets.stream()
        .map(bucket -> session.client().buckets().summary(bucket, under, Duration.ofDays(1))).toList();
    if (json) {
      Json.print(session.out(), summaries);
      return;
    }
    SummaryTable.print(session.out(), summaries, !noHeaders);
  }

  private void listBuckets() {
    List<Bucket> buckets = buckets();
    if (json) {
      Json.print(session.out(), buckets);
      return;
    }
    if (buckets.isEmpty()) {
      session.out().println("No buckets in the cluster.");
      return;
    }
    io.jais.cli.render.Table table = io.jais.cli.render.Table.of("NAME", "PRESENT");
    buckets.forEach(bucket -> table.row(bucket.uri(), "yes"));
    table.print(session.out(), !noHeaders);
    if (!noFooters) {
      session.out().println("Total: [AIS bucket" + (buckets.size() == 1 ? "" : "s") + ": " + buckets.size() + "] ========");
      session.out().println();
    }
  }

  private void listObjects(Bucket bucket) {
    Columns columns = nameOnly ? Columns.parse(List.of("name")) : Columns.parse(props);
    Predicate<ObjectEntry> filter = entryFilter();
    String under = prefix != null ? prefix : template != null ? NameTemplate.parse(template).prefix() : path.object();
    long size = limit > 0 && (pageSize == 0 || limit < pageSize) ? limit : pageSize;
    long flags = (nameOnly ? ListFlags.NAME_ONLY : 0) | (nonRecursive ? ListFlags.NO_RECURSION : 0);
    ListObjectsMsg message = ListObjectsMsg.of(under, size).withProps(columns.wireProps()).withFlags(flags)
        .withStartAfter(startAfter);
    long started = System.nanoTime();
    List<ObjectEntry> all = new ArrayList<>();
    int pageNumber = 0;
    while (true) {
      ListObjectsPage page = session.client().buckets().listPage(bucket, message);
      List<ObjectEntry> entries = page.entries().stream().filter(filter).toList();
      if (limit > 0 && all.size() + entries.size() > limit) {
        entries = entries.subList(0, (int) (limit - all.size()));
      }
      all.addAll(entries);
      pageNumber++;
      if (paged && !json && !countOnly) {
        columns.table(entries).print(session.out(), !noHeaders);
        if (!noFooters && entries.size() > FOOTER_AFTER) {
          session.out().println("Page " + pageNumber + ": " + grouped(entries.size()) + " names");
        }
      }
      boolean done = page.continuationToken().isEmpty() || (limit > 0 && all.size() >= limit)
          || (maxPages > 0 && pageNumber >= maxPages);
      if (done) {
        break;
      }
      message = message.withPage(page.uuid(), page.continuationToken());
    }
    if (json) {
      Json.print(session.out(), all);
      return;
    }
    if (countOnly) {
      Duration took = Duration.ofNanos(System.nanoTime() - started);
      session.out().println("Listed " + grouped(all.size()) + " names in " + Durations.elapsed(took));
      return;
    }
    if (paged) {
      return;
    }
    if (all.isEmpty()) {
      if (path.hasObject() && prefix == null && template == null) {
        throw new io.jais.cli.CommandFailedException(bucket.uri() + "/" + path.object() + " not found");
      }
      session.out().println("No objects in " + bucket.uri());
      return;
    }
    columns.table(all).print(session.out(), !noHeaders);
    if (!noFooters && all.size() > FOOTER_AFTER) {
      session.out().println("Listed " + grouped(all.size()) + " names");
    }
  }

  /** What to keep of a listed page: {@code --regex}, the names of a ranged {@code --template}, {@code --no-dirs}. */
  private Predicate<ObjectEntry> entryFilter() {
    Predicate<String> matches = regexFilter();
    if (template != null && !NameTemplate.parse(template).isPrefix()) {
      NameTemplate parsed = NameTemplate.parse(template);
      if (parsed.count() > MAX_TEMPLATE_NAMES) {
        throw new IllegalArgumentException("--template \"" + template + "\" names more than " + MAX_TEMPLATE_NAMES
            + " objects; narrow it, or use --prefix with --regex");
      }
      Set<String> names = new HashSet<>();
      parsed.forEach(names::add);
      matches = matches.and(names::contains);
    }
    Predicate<String> byName = matches;
    return entry -> byName.test(entry.name()) && !(noDirs && entry.isDir());
  }

  /** Counts as AIS prints them: {@code 1,234,567}. */
  private static String grouped(long count) {
    return String.format(java.util.Locale.ROOT, "%,d", count);
  }
}
