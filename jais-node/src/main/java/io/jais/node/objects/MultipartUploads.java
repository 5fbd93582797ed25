package io.jais.node.objects;

import io.jais.api.bucket.Bmd;
import io.jais.api.bucket.Bucket;
import io.jais.api.bucket.Namespace;
import io.jais.api.bucket.Provider;
import io.jais.node.cluster.ClusterState;
import io.jais.node.storage.ByteBufSource;
import io.jais.node.storage.ListEntry;
import io.jais.node.storage.ListPage;
import io.jais.node.storage.ListQuery;
import io.jais.node.storage.ObjectMeta;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The multipart uploads a target owns, for both front doors (the native API's {@code mpt-upload},
 * part PUTs, {@code mpt-complete}, {@code mpt-abort}, and S3's multipart requests): one upload ID
 * works through either. Each door checks its own rules (S3's ETags and 5 MiB parts, AIS's
 * contiguous part numbers) and speaks its own errors; storing parts, assembling the object and
 * forgetting the upload are here.
 *
 * <p>Each upload is a manifest object {@code <uploadId>/upload} (the object's name and the
 * upload's metadata in its custom metadata) plus one object per part,
 * {@code <uploadId>/part.<00001>}, in a shadow bucket of the same name in the namespace
 * {@value #NAMESPACE}. The shadow bucket is in no BMD, so neither API lists it, and parts get the
 * store's atomic writes and mountpath placement for free ({@link StagedObjects}: this target only,
 * no bucket semantics). A completion streams the parts into the object through the
 * {@link ObjectService} (one PUT commit: hooks, versioning, checksums), records the part sizes
 * ({@link PartLayout}: AIS's chunk information, S3's parts by number), then removes the upload.
 *
 * <p>Implementation notes: completions and aborts of one upload run one at a time
 * ({@link UploadLocks}), so an abort never removes parts a completion is reading and a retried
 * completion waits for the first. Part PUTs take no lock: a part is one atomic store write, and a
 * part written while its upload completes is either in the object or removed with the upload.
 */
public final class MultipartUploads {
  /** The namespace of the shadow buckets. */
  public static final String NAMESPACE = "s3-mpu";
  /** Custom metadata of a manifest: the object's name. */
  public static final String KEY = "key";
  /** Custom metadata of a manifest: when the upload started (Unix nanoseconds). */
  public static final String INITIATED = "initiated";
  public static final int MAX_PART_NUMBER = 10_000;
  private static final String MANIFEST = "/upload";
  private static final String PART = "/part.";

  private static final Logger LOG = LoggerFactory.getLogger(MultipartUploads.class);

  private final ObjectService objects;
  private final StagedObjects staged;
  private final UploadLocks locks = new UploadLocks();

  public MultipartUploads(ObjectService objects, StagedObjects staged) {
    this.objects = objects;
    this.staged = staged;
  }

  public static Bucket shadow(Bucket bucket) {
    return new Bucket(bucket.name(), Provider.AIS, new Namespace("", NAMESPACE));
  }

  /** True for a bucket made by {@link #shadow}. */
  public static boolean isShadow(Bucket bucket) {
    return bucket.provider() == Provider.AIS && bucket.namespace().equals(new Namespace("", NAMESPACE));
  }

  static String partName(String uploadId, int part) {
    return uploadId + PART + String.format("%05d", part);
  }

  /** Starts an upload of {@code key} with the upload's own metadata; returns its new ID. */
  public String create(Bucket bucket, String key, Map<String, String> custom) throws IOException {
    String uploadId = UUID.randomUUID().toString().replace("-", "");
    Map<String, String> manifest = new LinkedHashMap<>(custom);
    manifest.put(KEY, key);
    manifest.put(INITIATED, Long.toString(System.currentTimeMillis() * 1_000_000L));
    Map<String, String> copy = Map.copyOf(manifest);
    staged.put(shadow(bucket), uploadId + MANIFEST, EMPTY, () -> copy);
    return uploadId;
  }

  /** The upload's manifest metadata, if the upload is in progress here for {@code key}. */
  public Optional<ObjectMeta> findManifest(Bucket bucket, String key, String uploadId) throws IOException {
    if (!isWellFormed(uploadId)) {
      return Optional.empty();
    }
    return staged.head(shadow(bucket), uploadId + MANIFEST).filter(meta -> key.equals(meta.custom().get(KEY)));
  }

  /** Upload IDs name files of the shadow bucket: no path tricks. */
  public static boolean isWellFormed(String uploadId) {
    return uploadId != null && !uploadId.isEmpty() && !uploadId.contains("/") && !uploadId.contains("..");
  }

  /** Stores (or replaces) part {@code part}; the caller checked that the upload exists. */
  public ObjectMeta putPart(Bucket bucket, String uploadId, int part, ByteBufSource body,
      java.util.function.Supplier<Map<String, String>> custom) throws IOException {
    return staged.put(shadow(bucket), partName(uploadId, part), body, custom);
  }

  public Optional<ObjectMeta> part(Bucket bucket, String uploadId, int part) throws IOException {
    return staged.head(shadow(bucket), partName(uploadId, part));
  }

  /** The upload's parts in part-number order. */
  public List<ListEntry> parts(Bucket bucket, String uploadId) throws IOException {
    return listAll(shadow(bucket), uploadId + PART);
  }

  /** The manifests of every upload this target holds for the bucket, in upload-ID order. */
  public List<ListEntry> manifests(Bucket bucket) throws IOException {
    return listAll(shadow(bucket), "").stream().filter(e -> e.name().endsWith(MANIFEST)).toList();
  }

  public static int partNumber(ListEntry entry) {
    String name = entry.name();
    return Integer.parseInt(name.substring(name.lastIndexOf('.') + 1));
  }

  public static String uploadIdOf(ListEntry manifest) {
    return manifest.name().substring(0, manifest.name().length() - MANIFEST.length());
  }

  /** Work done while no other completion or abort of the same upload runs. */
  public <T> T exclusively(String uploadId, UploadLocks.Locked<T> work) throws Exception {
    return locks.withLock(uploadId, work);
  }

  /**
   * Assembles the object from the listed parts, in the order given (the door checked them), as
   * one PUT of {@code key} with {@code custom} (given the object's part layout, after the body),
   * then removes the upload. Call inside {@link #exclusively}.
   *
   * @param custom the object's custom metadata, from the layout of its parts
   * @return the committed object's metadata
   */
  public ObjectMeta complete(Bucket bucket, String key, String uploadId, List<ObjectMeta> parts,
      List<Integer> numbers, Function<PartLayout, Map<String, String>> custom, Caller caller) throws IOException {
    List<String> names = new ArrayList<>(numbers.size());
    List<Long> sizes = new ArrayList<>(numbers.size());
    long total = 0;
    for (int i = 0; i < numbers.size(); i++) {
      names.add(partName(uploadId, numbers.get(i)));
      sizes.add(parts.get(i).size());
      total += parts.get(i).size();
    }
    PartLayout layout = PartLayout.of(sizes);
    PartsSource body = new PartsSource(staged, shadow(bucket), names, total);
    ObjectMeta meta;
    try {
      meta = objects.put(bucket, key, body, PutArgs.customAfterBody(() -> custom.apply(layout)), caller);
    } finally {
      body.closeCurrent();
    }
    remove(bucket, uploadId);
    return meta;
  }

  /** Removes the upload's parts and manifest; nothing of it is left afterwards. */
  public void remove(Bucket bucket, String uploadId) throws IOException {
    for (ListEntry entry : parts(bucket, uploadId)) {
      deleteQuietly(shadow(bucket), entry.name());
    }
    deleteQuietly(shadow(bucket), uploadId + MANIFEST);
  }

  private void deleteQuietly(Bucket shadow, String name) throws IOException {
    try {
      staged.delete(shadow, name);
    } catch (io.jais.api.error.JaisException e) {
      // already gone: a concurrent abort or complete
    }
  }

  private List<ListEntry> listAll(Bucket shadow, String prefix) throws IOException {
    List<ListEntry> all = new ArrayList<>();
    String after = "";
    while (true) {
      ListPage page;
      try {
        page = staged.list(shadow, new ListQuery(prefix, after, 0, true));
      } catch (java.nio.file.NoSuchFileException e) {
        return all;
      }
      for (ListEntry entry : page.entries()) {
        if (!entry.dir()) {
          all.add(entry);
        }
      }
      if (page.complete() || page.entries().isEmpty()) {
        return all;
      }
      after = page.entries().get(page.entries().size() - 1).name();
    }
  }

  /**
   * Destroying a bucket (through either API) or re-creating it under the same name drops its uploads
   * too: their shadow bucket goes with the bucket's data, in the same BMD change.
   */
  public static void dropWithTheirBuckets(ClusterState state, StagedObjects staged) {
    state.bmdOwner().onChange((before, after) -> {
      for (Bmd.Entry entry : before.buckets().values()) {
        Bucket bucket = entry.bucket();
        boolean gone = after.props(bucket).map(props -> props.bid() != entry.props().bid()).orElse(true);
        if (gone && bucket.provider() == Provider.AIS && bucket.namespace().isGlobal()) {
          try {
            staged.destroyBucket(shadow(bucket));
          } catch (IOException | RuntimeException e) {
            LOG.warn("cannot remove the multipart uploads of destroyed bucket {}: {}", bucket, e.toString());
          }
        }
      }
    });
  }

  private static final ByteBufSource EMPTY = new ByteBufSource() {
    @Override
    public io.netty.buffer.ByteBuf next() {
      return null;
    }

    @Override
    public long declaredLength() {
      return 0;
    }
  };
}
