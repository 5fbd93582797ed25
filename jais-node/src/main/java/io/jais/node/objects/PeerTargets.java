package io.jais.node.objects;

import io.jais.api.bucket.Bucket;
import io.jais.node.storage.ByteBufSource;
import io.jais.node.storage.ObjectMeta;
import io.jais.node.storage.OpenedObject;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * The other targets of the cluster, as the object service needs them: asked about, and for, the
 * copies they hold on their own disks (they never ask further). {@link IntraPeers} is the one
 * over HTTP; tests put a second real store behind it.
 */
interface PeerTargets {
  /** The copies other targets hold; a target that does not answer in time counts as holding none. */
  List<PeerCopy> find(Bucket bucket, String name) throws InterruptedException;

  /**
   * Reads one copy: hands its bytes and the metadata of the version being sent to {@code sink}.
   *
   * @throws io.jais.api.error.JaisException OBJECT_NOT_FOUND when the copy is gone meanwhile
   */
  <T> T read(PeerCopy copy, Bucket bucket, String name, ReplicaSink<T> sink) throws IOException, InterruptedException;

  /** The copy one target holds on its own disks; empty when it holds none or does not answer in time. */
  Optional<ObjectMeta> headOn(String targetId, Bucket bucket, String name) throws InterruptedException;

  /**
   * Whether one target holds the object on its own disks: true, or false when it answers that it
   * does not.
   *
   * @throws IOException when it does not answer, or answers neither
   */
  boolean holds(String targetId, Bucket bucket, String name) throws IOException, InterruptedException;

  /** Deletes the copy if it is still the write it was when found; true when it was deleted. */
  boolean deleteIfSame(PeerCopy copy, Bucket bucket, String name) throws IOException, InterruptedException;

  /** Deletes the object on every other target; how many held it. */
  int deleteEverywhere(Bucket bucket, String name) throws InterruptedException;

  /** Sends a local object to another target, stored there as a copy (new version); its metadata there. */
  ObjectMeta copyTo(String targetId, Bucket bucket, String name, OpenedObject source)
      throws IOException, InterruptedException;

  /** Takes a copy's bytes as they arrive. */
  @FunctionalInterface
  interface ReplicaSink<T> {
    T accept(ObjectMeta meta, ByteBufSource body) throws IOException;
  }
}
