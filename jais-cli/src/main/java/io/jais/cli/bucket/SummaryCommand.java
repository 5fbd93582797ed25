package io.jais.cli.bucket;

import io.jais.api.bucket.Bucket;
import io.jais.api.bucket.BucketSummary;
import io.jais.api.bucket.Provider;
import io.jais.cli.ObjectPath;
import io.jais.cli.Session;
import io.jais.cli.render.Json;
import io.jais.cli.render.Sizes;
import io.jais.cli.render.Table;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code jais bucket summary [BUCKET]}: object counts and sizes, computed by the cluster as an
 * asynchronous {@code summary-bck} job that this command starts and polls until done.
 */
@Command(name = "summary", mixinStandardHelpOptions = true,
    description = "Count the objects of a bucket (or of every bucket) and their sizes.")
public final class SummaryCommand implements Runnable {
  @Parameters(arity = "0..1", paramLabel = "BUCKET[/PREFIX]", converter = ObjectPath.Converter.class)
  ObjectPath path;

  @Option(names = "--prefix", description = "only objects whose names start with this")
  String prefix;

  @Option(names = "--timeout", defaultValue = "PT5M", description = "give up after this long, e.g. 30s, 10m (default 5m)")
  Duration timeout;

  @Option(names = {"-j", "--json"}, description = "print JSON (a list of AIS BsummResult)")
  boolean json;

  private final Session session;

  SummaryCommand(Session session) {
    this.session = session;
  }

  @Override
  public void run() {
    List<Bucket> buckets = path == null ? session.client().buckets().list(Provider.AIS) : List.of(path.bucket());
    String under = prefix != null ? prefix : path == null ? "" : path.object();
    List<BucketSummary> summaries = buckets.stream()
        .map(bucket -> session.client().buckets().summary(bucket, under, timeout)).toList();
    if (json) {
      Json.print(session.out(), summaries);
      return;
    }
    Table table = Table.of("NAME", "OBJECTS", "SIZE", "SIZE ON DISK", "MIN/AVG/MAX", "USAGE(%)");
    for (BucketSummary summary : summaries) {
      BucketSummary.Sizes sizes = summary.sizes();
      table.row(summary.bucket().uri(), summary.counts().present(), Sizes.format(summary.totals().presentObjects()),
          Sizes.format(summary.totals().onDisk()),
          Sizes.format(sizes.min()) + "/" + Sizes.format(sizes.avg()) + "/" + Sizes.format(sizes.max()),
          summary.usedPct() + "%");
    }
    table.print(session.out());
  }
}
