package io.jais.node.getbatch;

import io.jais.api.batch.MossIn;
import io.jais.api.batch.MossReq;
import io.jais.api.bucket.Bucket;
import io.jais.api.bucket.Namespace;
import io.jais.api.bucket.Provider;
import io.jais.api.bucket.Bmd;
import io.jais.api.error.ErrorCode;
import io.jais.api.error.JaisException;
import io.jais.node.archive.ArchiveFormat;
import java.util.ArrayList;
import java.util.List;

/**
 * A checked get-batch request: its output format and every entry's bucket (the entry's own, else
 * the path's), each known to the cluster. Checked before anything is read, so a bad request is a
 * 4xx and starts nothing.
 *
 * @param pathBucket the bucket of {@code /v1/ml/moss/<bucket>}, or null
 * @param buckets the bucket of each entry, in request order
 */
record BatchPlan(MossReq req, Bucket pathBucket, ArchiveFormat format, List<Bucket> buckets) {
  /** At most this many entries in one request (AIS sets no limit; this bounds the plan's memory). */
  static final int MAX_ENTRIES = 1_000_000;

  /**
   * @throws JaisException 400 for an empty or malformed request, 404 for a bucket the cluster does
   *     not have (message "... does not exist"), 501 for {@code uname} entries
   */
  static BatchPlan of(MossReq req, Bucket pathBucket, Bmd bmd) {
    if (req.in().isEmpty()) {
      throw JaisException.invalid("get-batch: empty input (no entries in \"in\")");
    }
    if (req.in().size() > MAX_ENTRIES) {
      throw JaisException.invalid("get-batch: " + req.in().size() + " entries, more than " + MAX_ENTRIES);
    }
    ArchiveFormat format = req.mime().isEmpty() ? ArchiveFormat.TAR : ArchiveFormat.ofMime(req.mime());
    if (pathBucket != null && !bmd.contains(pathBucket)) {
      throw JaisException.noSuchBucket(pathBucket);
    }
    List<Bucket> buckets = new ArrayList<>(req.in().size());
    Bucket previous = null;
    for (MossIn in : req.in()) {
      in.validate();
      if (!in.uname().isEmpty()) {
        throw new JaisException(ErrorCode.NOT_IMPLEMENTED, "get-batch: entries by uname are not implemented in JAIS yet");
      }
      Bucket bucket = bucketOf(in, pathBucket);
      if (!bucket.equals(previous) && !bucket.equals(pathBucket) && !bmd.contains(bucket)) {
        throw JaisException.noSuchBucket(bucket);
      }
      buckets.add(bucket);
      previous = bucket;
    }
    return new BatchPlan(req, pathBucket, format, List.copyOf(buckets));
  }

  private static Bucket bucketOf(MossIn in, Bucket pathBucket) {
    if (in.bucket().isEmpty()) {
      if (pathBucket == null) {
        throw JaisException.invalid("get-batch: missing bucket specification for object \"" + in.objname() + "\"");
      }
      return pathBucket;
    }
    Provider provider = in.provider().isEmpty() ? Provider.AIS : Provider.parse(in.provider());
    return new Bucket(in.bucket(), provider, Namespace.GLOBAL).validate();
  }

  /** The name of entry {@code i} in the output. */
  String nameOf(int i) {
    return req.in().get(i).nameInArchive(buckets.get(i).name(), req.onlyObjName());
  }
}
