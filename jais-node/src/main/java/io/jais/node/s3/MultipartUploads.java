package io.jais.node.s3;

import io.jais.api.bucket.Bmd;
import io.jais.api.bucket.Bucket;
import io.jais.api.bucket.Namespace;
import io.jais.api.bucket.Provider;
import io.jais.node.cluster.ClusterState;
import io.jais.node.objects.StagedObjects;
import io.jais.node.storage.ByteBufSource;
import io.jais.node.storage.ListEntry;
import io.jais.node.storage.ListPage;
import io.jais.node.storage.ListQuery;
import io.jais.node.storage.ObjectMeta;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a target keeps the multipart uploads it owns: each upload is a manifest object {@code
 * <uploadId>/upload} (key and metadata in its custom metadata) plus one object per part, {@code
 * <uploadId>/part.<00001>}, in a shadow bucket of the same name in the namespace {@value
 * #NAMESPACE}. The shadow bucket is in no BMD, so neither API lists it, and parts get the store's
 * atomic writes and mountpath placement for free ({@link StagedObjects}: this target only, no
 * bucket semantics; the completed object goes through the object service).
 */
final class MultipartUploads {
  static final String NAMESPACE = "s3-mpu";
  static final String KEY = "key";
  static final String INITIATED = "initiated";
  private static final String MANIFEST = "/upload";
  private static final String PART = "/part.";

  private static final Logger LOG = LoggerFactory.getLogger(MultipartUploads.class);

  private final StagedObjects staged;

  MultipartUploads(StagedObjects staged) {
    this.staged = staged;
  }

  static Bucket shadow(Bucket bucket) {
    return new Bucket(bucket.name(), Provider.AIS, new Namespace("", NAMESPACE));
  }

  /** True for a bucket made by {@link #shadow}. */
  static boolean isShadow(Bucket bucket) {
    return bucket.provider() == Provider.AIS && bucket.namespace().equals(new Namespace("", NAMESPACE));
  }

  static String partName(String uploadId, int part) {
    return uploadId + PART + String.format("%05d", part);
  }

  void createManifest(Bucket bucket, String uploadId, Map<String, String> custom) throws IOException {
    Map<String, String> copy = Map.copyOf(custom);
    staged.put(shadow(bucket), uploadId + MANIFEST, EMPTY, () -> copy);
  }

  /** The upload's manifest metadata, which must name {@code key}; NoSuchUpload otherwise. */
  ObjectMeta manifest(Bucket bucket, String key, String uploadId) throws IOException {
    return findManifest(bucket, key, uploadId).orElseThrow(() -> noSuchUpload(uploadId));
  }

  /** The upload's manifest metadata, if the upload is in progress here for {@code key}. */
  Optional<ObjectMeta> findManifest(Bucket bucket, String key, String uploadId) throws IOException {
    if (!isWellFormed(uploadId)) {
      return Optional.empty();
    }
    return staged.head(shadow(bucket), uploadId + MANIFEST).filter(meta -> key.equals(meta.custom().get(KEY)));
  }

  /** Upload IDs name files of the shadow bucket: no path tricks. */
  static boolean isWellFormed(String uploadId) {
    return uploadId != null && !uploadId.isEmpty() && !uploadId.contains("/") && !uploadId.contains("..");
  }

  ObjectMeta putPart(Bucket bucket, String uploadId, int part, Md5Source body) throws IOException {
    return staged.put(shadow(bucket), partName(uploadId, part), body, () -> Map.of(S3Metadata.ETAG, body.hex()));
  }

  Optional<ObjectMeta> part(Bucket bucket, String uploadId, int part) throws IOException {
    return staged.head(shadow(bucket), partName(uploadId, part));
  }

  /** The upload's parts in part-number order. */
  List<ListEntry> parts(Bucket bucket, String uploadId) throws IOException {
    List<ListEntry> parts = new ArrayList<>();
    for (ListEntry entry : listAll(shadow(bucket), uploadId + PART)) {
      parts.add(entry);
    }
    return parts;
  }

  /** The manifests of every upload this target holds for the bucket, in upload-ID order. */
  List<ListEntry> manifests(Bucket bucket) throws IOException {
    return listAll(shadow(bucket), "").stream().filter(e -> e.name().endsWith(MANIFEST)).toList();
  }

  static int partNumber(ListEntry entry) {
    String name = entry.name();
    return Integer.parseInt(name.substring(name.lastIndexOf('.') + 1));
  }

  static String uploadIdOf(ListEntry manifest) {
    return manifest.name().substring(0, manifest.name().length() - MANIFEST.length());
  }

  /** Removes the upload's parts and manifest; nothing of it is left afterwards. */
  void remove(Bucket bucket, String uploadId) throws IOException {
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
  static void dropWithTheirBuckets(ClusterState state, StagedObjects staged) {
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

  static S3Exception noSuchUpload(String uploadId) {
    return new S3Exception(S3Error.NO_SUCH_UPLOAD, "The specified multipart upload does not exist: " + uploadId);
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
