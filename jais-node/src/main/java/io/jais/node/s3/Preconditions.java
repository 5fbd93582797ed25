package io.jais.node.s3;

import io.jais.node.http.HttpDate;
import io.jais.node.http.Request;
import java.time.Instant;

/**
 * The conditional headers of a GET or HEAD (RFC 9110 §13.2.2 order, as S3 evaluates them):
 * If-Match, else If-Unmodified-Since, fail with 412; If-None-Match, else If-Modified-Since, answer
 * 304. Times compare at whole seconds, the resolution of the header. Unparseable dates are ignored.
 *
 * @param prefix {@code ""} for a GET, {@code "x-amz-copy-source-"} for the source of a copy
 */
record Preconditions(String prefix) {
  static final Preconditions GET = new Preconditions("");
  static final Preconditions COPY_SOURCE = new Preconditions("x-amz-copy-source-");

  /** What a request's conditions decide for an object. */
  enum Outcome { PROCEED, NOT_MODIFIED }

  Outcome evaluate(Request request, String quotedEtag, long mtimeNanos) {
    long mtime = mtimeNanos / 1_000_000_000L;
    String ifMatch = request.header(prefix + "If-Match");
    if (ifMatch != null) {
      if (!matches(ifMatch, quotedEtag)) {
        throw failed("If-Match");
      }
    } else {
      Long since = seconds(request.header(prefix + "If-Unmodified-Since"));
      if (since != null && mtime > since) {
        throw failed("If-Unmodified-Since");
      }
    }
    String ifNoneMatch = request.header(prefix + "If-None-Match");
    if (ifNoneMatch != null) {
      return matches(ifNoneMatch, quotedEtag) ? notModified() : Outcome.PROCEED;
    }
    Long since = seconds(request.header(prefix + "If-Modified-Since"));
    return since != null && mtime <= since ? notModified() : Outcome.PROCEED;
  }

  // A copy whose source "was not modified" cannot proceed either: S3 answers 412 there.
  private Outcome notModified() {
    if (!prefix.isEmpty()) {
      throw failed("If-None-Match/If-Modified-Since");
    }
    return Outcome.NOT_MODIFIED;
  }

  private S3Exception failed(String header) {
    return new S3Exception(S3Error.PRECONDITION_FAILED, "At least one of the preconditions you specified did not hold ("
        + prefix + header + ")");
  }

  private static boolean matches(String header, String quotedEtag) {
    for (String candidate : header.split(",")) {
      String tag = candidate.strip();
      if (tag.startsWith("W/")) {
        tag = tag.substring(2);
      }
      if (tag.equals("*") || tag.equals(quotedEtag) || ("\"" + tag + "\"").equals(quotedEtag)) {
        return true;
      }
    }
    return false;
  }

  private static Long seconds(String header) {
    if (header == null) {
      return null;
    }
    return HttpDate.parse(header).map(Instant::getEpochSecond).orElse(null);
  }
}
