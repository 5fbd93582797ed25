package io.jais.cli.bucket;

import io.jais.api.bucket.Bucket;
import io.jais.api.bucket.BucketSummary;
import io.jais.api.bucket.Provider;
import io.jais.cli.ObjectPath;
import io.jais.cli.Session;
import io.jais.cli.render.Json;
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

  @Option(names = "--timeout", defaultValue = "5m", description = "give up after this long, e.g. 30s, 10m (default 5m)")
  Duration timeout;

  @Option(names = {"-j", "--json"}, description = "print JSON (a list of AIS BsummResult)")
  boolean json;

  @Option(names = {"-H", "--no-headers"}, description = "omit the header line")
  boolean noHeaders;

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
    SummaryTable.print(session.out(), summaries, !noHeaders);
  }
}
