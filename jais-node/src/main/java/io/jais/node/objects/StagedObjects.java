package io.jais.node.objects;

import io.jais.api.bucket.Bucket;
import io.jais.node.storage.ByteBufSource;
import io.jais.node.storage.ListPage;
import io.jais.node.storage.ListQuery;
import io.jais.node.storage.ObjectMeta;
import io.jais.node.storage.ObjectStore;
import io.jais.node.storage.OpenedObject;
import io.jais.node.storage.PutOptions;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Objects a front door keeps for itself in buckets that are in no BMD (the S3 multipart parts and
 * manifests of a {@code s3-mpu} shadow bucket): stored with the store's atomic writes and
 * placement, on this target only. No bucket properties (AIS defaults), no lookup on other
 * targets, no commit listeners: they are not objects of any bucket until a front door turns them
 * into one through {@link ObjectService#put}.
 */
public final class StagedObjects {
  private final ObjectStore store;

  public StagedObjects(ObjectStore store) {
    this.store = store;
  }

  public ObjectMeta put(Bucket bucket, String name, ByteBufSource body, Supplier<Map<String, String>> custom)
      throws IOException {
    return store.put(bucket, name, body, PutOptions.DEFAULT, custom);
  }

  public Optional<ObjectMeta> head(Bucket bucket, String name) throws IOException {
    return store.head(bucket, name);
  }

  /** @throws io.jais.api.error.JaisException OBJECT_NOT_FOUND */
  public OpenedObject open(Bucket bucket, String name) throws IOException {
    return store.open(bucket, name, false);
  }

  /** @throws io.jais.api.error.JaisException OBJECT_NOT_FOUND */
  public void delete(Bucket bucket, String name) throws IOException {
    store.delete(bucket, name);
  }

  public ListPage list(Bucket bucket, ListQuery query) throws IOException {
    return store.list(bucket, query);
  }

  public void destroyBucket(Bucket bucket) throws IOException {
    store.destroyBucket(bucket);
  }
}
