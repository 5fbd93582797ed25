package io.jais.cli.bucket;

import io.jais.api.bucket.Bucket;
import io.jais.api.bucket.Provider;
import io.jais.api.object.ListObjectsMsg;
import io.jais.api.object.ListObjectsPage;
import io.jais.api.object.ObjectEntry;
import io.jais.cli.ObjectPath;
import io.jais.cli.Session;
import io.jais.cli.render.Json;
import io.jais.cli.render.Sizes;
import io.jais.cli.render.Table;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code jais ls [BUCKET[/PREFIX]]} (also {@code jais bucket ls}): without a bucket, the buckets;
 * with one, its objects in name order, then {@code Listed N objects, total size X}. Objects are
 * fetched page by page and printed as they come only with {@code --paged}; otherwise the table is
 * aligned over the whole listing.
 */
@Command(name = "ls", mixinStandardHelpOptions = true,
    description = {"List buckets, or the objects of a bucket, e.g.",
        "  jais ls                               all buckets",
        "  jais ls ais://b --prefix train/       objects under train/",
        "  jais ls ais://b --props name,size,version,checksum"})
public final class ListCommand implements Runnable {
  @Parameters(arity = "0..1", paramLabel = "BUCKET[/PREFIX]", converter = ObjectPath.Converter.class)
  ObjectPath path;

  @Option(names = "--prefix", description = "only objects whose names start with this")
  String prefix;

  @Option(names = "--props", split = ",", defaultValue = "name,size",
      description = "columns: name, size, version, checksum, atime, location, copies, custom, or all (default: name,size)")
  List<String> props;

  @Option(names = "--limit", defaultValue = "0", description = "list at most this many objects (0: all)")
  long limit;

  @Option(names = "--paged", description = "print each page as it arrives, with a page footer")
  boolean paged;

  @Option(names = "--page-size", defaultValue = "0", description = "objects per page (0: the server's default)")
  long pageSize;

  @Option(names = {"-H", "--no-headers"}, description = "omit the header line and the summary")
  boolean noHeaders;

  @Option(names = {"-j", "--json"}, description = "print JSON (buckets, or the listed entries)")
  boolean json;

  private final Session session;

  ListCommand(Session session) {
    this.session = session;
  }

  @Override
  public void run() {
    if (limit < 0 || pageSize < 0) {
      throw new IllegalArgumentException("--limit and --page-size must be >= 0");
    }
    if (path == null) {
      listBuckets();
    } else {
      listObjects(path.bucket());
    }
  }

  private void listBuckets() {
    List<Bucket> buckets = session.client().buckets().list(Provider.AIS);
    if (json) {
      Json.print(session.out(), buckets);
      return;
    }
    Table table = Table.of("NAME");
    buckets.forEach(bucket -> table.row(bucket.uri()));
    table.print(session.out(), !noHeaders);
    if (!noHeaders) {
      session.out().println("Total: " + buckets.size() + (buckets.size() == 1 ? " bucket" : " buckets"));
    }
  }

  private void listObjects(Bucket bucket) {
    Columns columns = Columns.parse(props);
    String under = prefix != null ? prefix : path.object();
    long size = limit > 0 && (pageSize == 0 || limit < pageSize) ? limit : pageSize;
    ListObjectsMsg message = ListObjectsMsg.of(under, size).withProps(columns.wireProps());
    List<ObjectEntry> all = new ArrayList<>();
    int pageNumber = 0;
    while (true) {
      ListObjectsPage page = session.client().buckets().listPage(bucket, message);
      List<ObjectEntry> entries = page.entries();
      if (limit > 0 && all.size() + entries.size() > limit) {
        entries = entries.subList(0, (int) (limit - all.size()));
      }
      all.addAll(entries);
      pageNumber++;
      if (paged && !json) {
        columns.table(entries).print(session.out(), !noHeaders && pageNumber == 1);
        session.out().println("Page " + pageNumber + ": " + entries.size() + " names");
      }
      boolean done = page.continuationToken().isEmpty() || (limit > 0 && all.size() >= limit);
      if (done) {
        break;
      }
      message = message.withPage(page.uuid(), page.continuationToken());
    }
    if (json) {
      Json.print(session.out(), all);
      return;
    }
    if (!paged) {
      columns.table(all).print(session.out(), !noHeaders);
    }
    if (!noHeaders) {
      session.out().println(summaryLine(all, columns));
    }
  }

  private static String summaryLine(List<ObjectEntry> entries, Columns columns) {
    String count = "Listed " + entries.size() + (entries.size() == 1 ? " object" : " objects");
    if (!columns.has("size")) {
      return count;
    }
    long total = entries.stream().mapToLong(ObjectEntry::size).sum();
    return count + ", total size " + Sizes.format(total);
  }
}
