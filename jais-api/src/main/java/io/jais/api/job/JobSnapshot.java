package io.jais.api.job;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.jais.api.bucket.BucketRef;
import io.jais.api.json.U64String;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One target's view of one job (AIS {@code core.Snap}, {@code what=qryxstats}). Times are RFC 3339
 * with nanoseconds; Go's zero time {@value #ZERO_TIME} means "not ended". Buckets are always
 * present with {@code name} and {@code provider} (empty strings for none), as the AIS Python SDK's
 * model requires. Counters are strings (Go {@code json:",string"}): the six AIS ones
 * ({@link #STAT_OBJECTS} ...) always, plus kind-specific ones (e.g. a cleanup's categories).
 *
 * @param ctlmsg the job's arguments and kind-specific progress in words, as {@code ais show job} prints it
 * @param packed AIS {@code glob.id}: bits 0–9 joggers, 10–19 workers, 20–63 channel-full count
 * @param ext kind-specific details (e.g. a scrub's findings, a summary's totals), or null
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record JobSnapshot(
    @JsonProperty("id") String id,
    @JsonProperty("kind") String kind,
    @JsonProperty("start-time") String startTime,
    @JsonProperty("end-time") String endTime,
    @JsonProperty("bck") BucketRef bucket,
    @JsonProperty("src-bck") BucketRef sourceBucket,
    @JsonProperty("dst-bck") BucketRef destinationBucket,
    @JsonProperty("ctlmsg") @JsonInclude(JsonInclude.Include.NON_EMPTY) String ctlmsg,
    @JsonProperty("abort-err") String abortError,
    @JsonProperty("err") String error,
    @JsonProperty("glob.id")
        @JsonSerialize(using = U64String.Signed.class)
        @JsonDeserialize(using = U64String.Reader.class)
        long packed,
    @JsonProperty("stats") Map<String, String> stats,
    @JsonProperty("aborted") boolean aborted,
    @JsonProperty("is_idle") boolean idle,
    @JsonProperty("ext") JsonNode ext) {

  /** Go's zero {@code time.Time}: the end time of a job that has not ended. */
  public static final String ZERO_TIME = "0001-01-01T00:00:00Z";

  /** Objects this target processed (read, deleted, copied, checked, ...). */
  public static final String STAT_OBJECTS = "loc-objs";
  public static final String STAT_BYTES = "loc-bytes";
  /** Objects this target sent to other targets. */
  public static final String STAT_OUT_OBJECTS = "out-objs";
  public static final String STAT_OUT_BYTES = "out-bytes";
  /** Objects this target received from other targets for the job. */
  public static final String STAT_IN_OBJECTS = "in-objs";
  public static final String STAT_IN_BYTES = "in-bytes";

  public JobSnapshot {
    id = id == null ? "" : id;
    kind = kind == null ? "" : kind;
    startTime = startTime == null ? "" : startTime;
    endTime = endTime == null ? "" : endTime;
    bucket = bucket == null ? BucketRef.NONE : bucket;
    sourceBucket = sourceBucket == null ? BucketRef.NONE : sourceBucket;
    destinationBucket = destinationBucket == null ? BucketRef.NONE : destinationBucket;
    ctlmsg = ctlmsg == null ? "" : ctlmsg;
    abortError = abortError == null ? "" : abortError;
    error = error == null ? "" : error;
    stats = stats == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(stats));
  }

  /** True when the job has an end time or was aborted. */
  @JsonIgnore
  public boolean finished() {
    return aborted || !(endTime.isEmpty() || endTime.equals(ZERO_TIME));
  }

  /** A counter, 0 when absent or not a number. */
  @JsonIgnore
  public long stat(String name) {
    try {
      return Long.parseLong(stats.getOrDefault(name, "0"));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** Number of workers packed into {@link #packed} (the SDK's {@code get_num_workers}). */
  @JsonIgnore
  public int workers() {
    return (int) ((packed >>> 10) & 0x3ff);
  }

  /** {@code packed} for this many joggers and workers. */
  public static long pack(int joggers, int workers) {
    return (Math.min(joggers, 0x3ff) & 0x3ffL) | ((Math.min(workers, 0x3ff) & 0x3ffL) << 10);
  }

  /**
   * A time as Go's {@code time.Time} marshals it (RFC 3339 with up to nine fraction digits,
   * trailing zeros dropped), in UTC; null is Go's zero time.
   */
  public static String formatTime(java.time.Instant time) {
    if (time == null) {
      return ZERO_TIME;
    }
    String seconds = java.time.format.DateTimeFormatter.ISO_LOCAL_DATE_TIME
        .format(time.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).atOffset(java.time.ZoneOffset.UTC));
    if (time.getNano() == 0) {
      return seconds + "Z";
    }
    String fraction = String.format(java.util.Locale.ROOT, "%09d", time.getNano()).replaceFirst("0+$", "");
    return seconds + "." + fraction + "Z";
  }

  /** The instant of a wire time; null for Go's zero time, an empty or an unparsable one. */
  public static java.time.Instant parseTime(String text) {
    if (text == null || text.isEmpty() || text.equals(ZERO_TIME)) {
      return null;
    }
    try {
      return java.time.OffsetDateTime.parse(text).toInstant();
    } catch (java.time.format.DateTimeParseException e) {
      return null;
    }
  }

  /** The same snapshot without {@link #ext} (a history that must stay small drops details). */
  public JobSnapshot withoutExt() {
    return new JobSnapshot(id, kind, startTime, endTime, bucket, sourceBucket, destinationBucket, ctlmsg, abortError,
        error, packed, stats, aborted, idle, null);
  }
}
