package io.jais.node.getbatch;

import io.jais.api.Header;
import io.jais.api.batch.MossOut;
import io.jais.api.batch.MossReq;
import io.jais.api.batch.MossResp;
import io.jais.api.bucket.Bucket;
import io.jais.api.error.JaisException;
import io.jais.api.json.WireJson;
import io.jais.node.archive.ClusterEntries;
import io.jais.node.archive.LocalEntries;
import io.jais.node.objects.ObjectRead;
import io.jais.node.archive.OpenEntry;
import io.jais.node.archive.PeerEntries;
import io.jais.node.archive.PeerEntryRequest;
import io.jais.node.cluster.ClusterState;
import io.jais.node.cluster.IntraClient;
import io.jais.node.http.BucketParams;
import io.jais.node.http.Request;
import io.jais.node.http.Response;
import io.jais.node.objects.Caller;
import io.jais.node.objects.ObjectService;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A target's get-batch routes. {@code GET /v1/ml/moss[/<bucket>]} (redirected by a proxy) makes
 * this target the batch's assembler: it joins (or starts) the {@code get-batch} job of the path's
 * bucket, opens the first entry, and then answers with the archive, each entry read where it lives.
 * {@code POST /v1/internal/getbatch/<bucket>} (other targets only) answers one entry this target
 * owns: an object or its range straight from the file (zero-copy), a shard member streamed.
 *
 * <p>Design notes: the reply is streamed (chunked) in streaming mode, with every member flushed
 * as written. The multipart mode (metadata first, then the archive) needs every entry's outcome
 * before the archive's first byte, so the archive is written to a temporary file first and then
 * sent: memory stays bounded, the disk holds one batch. The job counts the request as in flight
 * from admission until the reply has been sent or cut, so it is idle exactly when no batch is
 * being answered.
 */
public final class GetBatchHandler {
  private static final String BOUNDARY_PREFIX = "jais-moss-";

  private final ClusterState state;
  private final GetBatchJobs jobs;
  private final ObjectService objects;
  private final ClusterEntries entries;
  private final EntryOpener opener;

  public GetBatchHandler(ClusterState state, ObjectService objects, IntraClient intra, GetBatchJobs jobs) {
    this.state = state;
    this.jobs = jobs;
    this.objects = objects;
    this.entries = new ClusterEntries(state, objects, intra);
    this.opener = new EntryOpener(entries);
  }

  /** {@code GET /v1/ml/moss}: a batch of entries of the buckets the entries name. */
  public Response getAll(Request request) throws Exception {
    return get(request, null);
  }

  /** {@code GET /v1/ml/moss/<bucket>}: a batch whose entries default to {@code bucket}. */
  public Response getOfBucket(Request request) throws Exception {
    return get(request, BucketParams.of(request));
  }

  private Response get(Request request, Bucket pathBucket) throws Exception {
    request.requireRedirectedOrIntra();
    MossReq req = request.bodyJson(MossReq.class);
    if (req == null) {
      throw JaisException.invalid("get-batch: missing request body (MossReq)");
    }
    BatchPlan plan = BatchPlan.of(req, pathBucket, state.bmd());
    GetBatchJob job = jobs.admit(pathBucket);
    Lookahead rest = null;
    try {
      rest = new Lookahead(plan, opener, job.id());
      EntryOutcome first = rest.next();
      Lookahead entries = rest;
      Response response = req.streaming() ? streaming(plan, job, first, entries) : multipart(plan, job, first, entries);
      rest = null; // the reply owns it now
      return response;
    } finally {
      if (rest != null) {
        rest.close();
        job.release();
      }
    }
  }

  private static Response streaming(BatchPlan plan, GetBatchJob job, EntryOutcome first, Lookahead rest) {
    return Response.builder(200)
        .header("Content-Type", plan.format().contentType())
        .header(Header.XACTION_ID, job.id())
        .stream(out -> {
          try (rest) {
            BatchAssembler.write(plan, job, first, rest, out, null);
          } finally {
            job.release();
          }
        })
        .build();
  }

  /** Metadata first, then the archive: assembled into a temporary file, then sent. */
  private static Response multipart(BatchPlan plan, GetBatchJob job, EntryOutcome first, Lookahead rest)
      throws IOException, InterruptedException {
    Path spool = Files.createTempFile("jais-moss-", plan.format().extension());
    List<MossOut> outcomes = new ArrayList<>(plan.req().in().size());
    try (rest) {
      try (OutputStream file = new java.io.BufferedOutputStream(Files.newOutputStream(spool), 64 << 10)) {
        BatchAssembler.write(plan, job, first, rest, file, outcomes);
      }
    } catch (IOException | RuntimeException | InterruptedException e) {
      Files.deleteIfExists(spool);
      throw e; // the caller's finally releases the job (once)
    }
    String boundary = BOUNDARY_PREFIX + UUID.randomUUID().toString().replace("-", "");
    byte[] head = ("--" + boundary + "\r\n"
        + "Content-Disposition: form-data; name=\"metadata\"\r\n"
        + "Content-Type: application/json\r\n\r\n").getBytes(StandardCharsets.UTF_8);
    byte[] metadata = WireJson.toBytes(new MossResp(job.id(), outcomes));
    byte[] archiveHead = ("\r\n--" + boundary + "\r\n"
        + "Content-Disposition: form-data; name=\"archive\"; filename=\"batch" + plan.format().extension() + "\"\r\n"
        + "Content-Type: " + plan.format().contentType() + "\r\n\r\n").getBytes(StandardCharsets.UTF_8);
    byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
    long length = head.length + metadata.length + archiveHead.length + Files.size(spool) + tail.length;
    return Response.builder(200)
        .header("Content-Type", "multipart/mixed; boundary=" + boundary)
        .header("Content-Length", Long.toString(length))
        .header(Header.XACTION_ID, job.id())
        .stream(out -> {
          try {
            out.write(head);
            out.write(metadata);
            out.write(archiveHead);
            Files.copy(spool, out);
            out.write(tail);
          } finally {
            Files.deleteIfExists(spool);
            job.release();
          }
        })
        .build();
  }

  /** An object or a range of it, sent from the file (zero-copy). */
  private Response objectEntry(io.jais.api.batch.MossIn in, Bucket bucket, Caller caller) throws IOException {
    ObjectRead read = objects.get(bucket, in.objname(), caller);
    boolean handedOff = false;
    try {
      long[] range = LocalEntries.range(in, read.meta().size());
      Response.Builder response = Response.builder(200)
          .header(PeerEntries.MTIME_HEADER, Long.toString(read.meta().mtimeNanos() / 1_000_000));
      if (read.shared() == null) {
        response.file(read.channel(), range[0], range[1]);
      } else {
        response.sharedFile(read.channel(), range[0], range[1], read.shared()::release);
      }
      Response built = response.build();
      handedOff = true;
      return built;
    } finally {
      if (!handedOff) {
        read.close();
      }
    }
  }

  /** {@code POST /v1/internal/getbatch/<bucket>}: one entry this target owns, for the assembling target. */
  public Response entry(Request request) throws Exception {
    request.requireIntraCaller();
    Bucket bucket = BucketParams.of(request);
    PeerEntryRequest ask = request.bodyJson(PeerEntryRequest.class);
    if (ask == null || ask.in() == null) {
      throw JaisException.invalid("get-batch entry: missing request body");
    }
    ask.in().validate();
    Caller caller = Caller.job(ask.xid() == null ? "get-batch" : ask.xid());
    if (ask.in().archpath().isEmpty()) {
      return objectEntry(ask.in(), bucket, caller);
    }
    OpenEntry entry = entries.local().open(ask.in(), bucket, caller);
    try {
      Response response = Response.builder(200)
          .header("Content-Length", Long.toString(entry.size()))
          .header(PeerEntries.MTIME_HEADER, Long.toString(entry.mtimeMillis()))
          .stream(out -> {
            try (entry) {
              entry.content().transferTo(out);
            }
          })
          .build();
      return response;
    } catch (RuntimeException e) {
      entry.close();
      throw e;
    }
  }
}
