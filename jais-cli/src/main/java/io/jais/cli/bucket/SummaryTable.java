package io.jais.cli.bucket;

import io.jais.api.bucket.BucketSummary;
import io.jais.cli.render.Sizes;
import io.jais.cli.render.Table;
import java.io.PrintWriter;
import java.util.List;

/**
 * Bucket summaries as {@code ais bucket summary} prints them: AIS's column headers, with the
 * pairs and triples the headers name separated by spaces in one cell.
 */
final class SummaryTable {
  private SummaryTable() {}

  static void print(PrintWriter out, List<BucketSummary> summaries, boolean withHeaders) {
    Table table = Table.of("NAME", "OBJECTS (cached, remote)", "OBJECT SIZES (min, avg, max)",
        "TOTAL OBJECT SIZE (cached, remote)", "USAGE(%)");
    for (BucketSummary summary : summaries) {
      BucketSummary.Sizes sizes = summary.sizes();
      table.row(summary.bucket().uri(), summary.counts().present() + " " + summary.counts().remote(),
          Sizes.format(sizes.min()) + " " + Sizes.format(sizes.avg()) + " " + Sizes.format(sizes.max()),
          Sizes.format(summary.totals().presentObjects()) + " " + Sizes.format(summary.totals().remoteObjects()),
          summary.usedPct() + "%");
    }
    table.print(out, withHeaders);
  }
}
