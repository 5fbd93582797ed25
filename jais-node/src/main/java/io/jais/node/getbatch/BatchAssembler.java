package io.jais.node.getbatch;

import io.jais.node.archive.OpenEntry;
import io.jais.api.batch.MossIn;
import io.jais.api.batch.MossOut;
import io.jais.api.batch.MossReq;
import io.jais.api.bucket.Bucket;
import io.jais.node.archive.ArchiveWriter;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;

/**
 * Writes one batch: every entry in request order, as a member of the output archive (a missing
 * one, with continue-on-error, as an empty member under {@code __404__/}). In streaming mode each
 * member is flushed to the client as soon as it is written, so the first bytes leave before the
 * last entry is read. An abort of the job cuts the batch between entries or within a copy.
 */
final class BatchAssembler {
  private BatchAssembler() {}

  /**
   * @param first the first entry, opened already (the caller opens it before the reply starts, so
   *     that a failure of the first entry is still an error status)
   * @param outcomes where each entry's outcome goes (the multipart metadata); null when not wanted
   */
  static void write(BatchPlan plan, GetBatchJob job, EntryOutcome first, Lookahead rest, OutputStream out,
      List<MossOut> outcomes) throws IOException, InterruptedException {
    MossReq req = plan.req();
    ArchiveWriter writer = ArchiveWriter.create(plan.format(), out);
    long now = System.currentTimeMillis();
    for (int i = 0; i < req.in().size(); i++) {
      EntryOutcome outcome = i == 0 ? first : rest.next();
      try {
        checkAborted(job);
        MossIn in = req.in().get(i);
        Bucket bucket = plan.buckets().get(i);
        String name = plan.nameOf(i);
        if (outcome.isMissing()) {
          writer.add(MossReq.MISSING_DIR + "/" + name, 0, now, InputStream.nullInputStream());
          job.missing(outcome.missing());
          add(outcomes, in, bucket, outcome.missing(), 0);
        } else {
          OpenEntry entry = outcome.entry();
          writer.add(name, entry.size(), entry.mtimeMillis(), new AbortAware(entry.content(), job));
          job.delivered(entry.size(), entry.remote());
          add(outcomes, in, bucket, "", entry.size());
        }
        if (req.streaming()) {
          writer.flush();
        }
      } finally {
        outcome.close();
      }
    }
    writer.finish();
  }

  private static void add(List<MossOut> outcomes, MossIn in, Bucket bucket, String error, long size) {
    if (outcomes != null) {
      outcomes.add(new MossOut(in.objname(), in.archpath(), bucket.name(), bucket.provider().wireName(), error,
          in.opaque(), size));
    }
  }

  private static void checkAborted(GetBatchJob job) throws IOException {
    if (job.isAborted()) {
      throw new IOException("get-batch " + job.id() + " aborted");
    }
  }

  /** An entry's bytes that stop with an error once the job is aborted. */
  private static final class AbortAware extends FilterInputStream {
    private final GetBatchJob job;

    AbortAware(InputStream in, GetBatchJob job) {
      super(in);
      this.job = job;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      checkAborted(job);
      return super.read(b, off, len);
    }
  }
}
