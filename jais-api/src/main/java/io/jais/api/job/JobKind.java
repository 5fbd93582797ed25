package io.jais.api.job;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The static facts of one job kind, as AIS keeps them in its xaction table: the kind (the wire
 * name), its display name, where it runs, whether users may start it by kind, whether it is a
 * demand job and whether the proxy tracks its cluster-wide status.
 *
 * <p><b>Demand jobs</b> ({@link #idles()}, e.g. {@code copy-listrange}) take work as it comes, stay
 * running between requests and report {@code is_idle} while they have none; they end by
 * themselves after a while without work. Every other kind is <b>terminal</b>: it runs once and
 * ends with an end time. Clients wait for the first by snapshots (idle on every target, twice in a
 * row), for the second by status ({@code what=status}, an end time); only kinds with
 * {@link #icStatus()} have such a status (AIS's "information center" tracks them).
 *
 * @param kind the wire name, e.g. {@code lru}
 * @param displayName what AIS shows, e.g. {@code lru-eviction}; equal to {@code kind} when AIS has no other name
 * @param scope where one job of the kind works
 * @param startable true when {@code PUT /v1/cluster} {@code start} may start it by kind
 * @param idles true for demand kinds (see above)
 * @param icStatus true when {@code what=status} answers for it
 */
public record JobKind(String kind, String displayName, Scope scope, boolean startable, boolean idles,
    boolean icStatus) {

  /** Where a job works. */
  public enum Scope {
    /** the whole cluster */
    CLUSTER,
    /** one bucket */
    BUCKET,
    /** one bucket, or every bucket when none is named */
    BUCKET_OR_ALL,
    /** one target */
    TARGET
  }

  public static final String LRU = "lru";
  public static final String STORE_CLEANUP = "cleanup-store";
  public static final String SUMMARY = "summary-bck";
  public static final String SCRUB = "scrub";
  public static final String REBALANCE = "rebalance";
  public static final String RESILVER = "resilver";
  public static final String DELETE_OBJECTS = "delete-listrange";
  public static final String COPY_OBJECTS = "copy-listrange";
  public static final String BLOB_DOWNLOAD = "blob-download";
  public static final String MAKE_N_COPIES = "make-n-copies";
  public static final String ARCHIVE = "archive";
  public static final String GET_BATCH = "get-batch";
  public static final String COPY_BUCKET = "copy-bck";
  public static final String MOVE_BUCKET = "move-bck";
  public static final String PROMOTE = "promote";
  public static final String EC_ENCODE = "ec-encode";

  private static final Map<String, JobKind> TABLE = table();

  /**
   * Every kind AIS knows (its {@code xact.Table}) plus {@code scrub}, which is JAIS's own (AIS
   * scrubs from its CLI, by listing). A kind JAIS does not run yet is still known, so that asking
   * for it is "not implemented" (501) rather than "invalid" (400).
   */
  private static Map<String, JobKind> table() {
    Map<String, JobKind> t = new LinkedHashMap<>();
    Scope g = Scope.CLUSTER;
    Scope b = Scope.BUCKET;
    Scope gb = Scope.BUCKET_OR_ALL;
    add(t, "election", "elect-primary", g, false, false, false);
    add(t, "rebalance", "", g, true, false, true);
    add(t, "etl-inline", "", g, false, false, true);
    add(t, LRU, "lru-eviction", gb, true, false, true);
    add(t, STORE_CLEANUP, "cleanup", gb, true, false, true);
    add(t, SUMMARY, "summary", gb, false, false, false);
    add(t, "summary-shard", "shard-summary", b, false, false, false);
    add(t, "resilver", "", Scope.TARGET, true, false, false);
    add(t, "rechunk", "", b, true, false, true);
    add(t, "index-shard", "shard-index", b, false, false, true);
    add(t, "ec-get", "", b, false, true, false);
    add(t, "ec-put", "", b, false, true, false);
    add(t, "ec-resp", "", b, false, true, false);
    add(t, "put-copies", "", b, false, true, false);
    add(t, ARCHIVE, "", b, false, true, false);
    add(t, COPY_OBJECTS, "copy-objects", b, false, true, false);
    add(t, "etl-listrange", "etl-objects", b, false, true, false);
    add(t, BLOB_DOWNLOAD, "", b, true, false, false);
    add(t, "download", "", g, false, true, true);
    add(t, "dsort", "dsort", b, false, false, false);
    add(t, PROMOTE, "promote-files", b, false, false, true);
    add(t, "evict-listrange", "evict-objects", b, false, false, true);
    add(t, "evict-remote-bck", "evict-remote-bucket", b, false, false, false);
    add(t, DELETE_OBJECTS, "delete-objects", b, false, false, true);
    add(t, "prefetch-listrange", "prefetch-objects", b, true, false, true);
    add(t, EC_ENCODE, "ec-bucket", b, true, false, true);
    add(t, "make-n-copies", "mirror", b, true, false, true);
    add(t, MOVE_BUCKET, "rename-bucket", b, false, false, true);
    add(t, COPY_BUCKET, "copy-bucket", b, false, false, true);
    add(t, "etl-bck", "etl-bucket", b, false, false, true);
    add(t, "list", "", b, false, true, false);
    add(t, GET_BATCH, "", gb, false, true, false);
    add(t, "create-inventory", "", b, false, false, true);
    add(t, "load-lom-cache", "warm-up-metadata", b, true, false, false);
    add(t, SCRUB, "", gb, true, false, true);
    return Map.copyOf(t);
  }

  private static void add(Map<String, JobKind> table, String kind, String displayName, Scope scope, boolean startable,
      boolean idles, boolean icStatus) {
    table.put(kind, new JobKind(kind, displayName.isEmpty() ? kind : displayName, scope, startable, idles, icStatus));
  }

  /** The kind named by its wire name or its display name ({@code cleanup} is {@code cleanup-store}). */
  public static Optional<JobKind> find(String kindOrName) {
    if (kindOrName == null || kindOrName.isEmpty()) {
      return Optional.empty();
    }
    JobKind byKind = TABLE.get(kindOrName);
    if (byKind != null) {
      return Optional.of(byKind);
    }
    return TABLE.values().stream().filter(k -> k.displayName.equals(kindOrName)).findFirst();
  }

  /** The kind of this wire name; for names that are certainly in the table. */
  public static JobKind of(String kind) {
    return find(kind).orElseThrow(() -> new IllegalArgumentException("unknown job kind " + kind));
  }

  /** Every known kind, in no particular order. */
  public static List<JobKind> all() {
    return List.copyOf(TABLE.values());
  }

  /** {@code kind[id]}, as AIS names a running job ({@code what=running_all}). */
  public static String cname(String kind, String id) {
    return kind + "[" + id + "]";
  }

  /** True when a job of this kind works on one bucket, or may (a bucket is then optional). */
  public boolean bucketScoped() {
    return scope == Scope.BUCKET || scope == Scope.BUCKET_OR_ALL;
  }
}
