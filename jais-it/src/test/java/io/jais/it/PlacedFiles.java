package io.jais.it;

import io.jais.api.bucket.Bucket;
import io.jais.api.cluster.Snode;
import io.jais.node.Node;
import io.jais.node.launch.LocalCluster;
import io.jais.node.storage.Fqn;
import io.jais.node.storage.Mountpath;
import io.jais.node.storage.Mountpaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Where objects lie on the disks of a {@link LocalCluster}, for tests that plant or damage files
 * behind the nodes' backs (cleanup, scrub): the owner by HRW, its mountpath, the file.
 */
final class PlacedFiles {
  private PlacedFiles() {}

  static Node owner(LocalCluster cluster, Bucket bucket, String name) {
    Snode owner = cluster.primary().state().smap().owner(bucket, name);
    return cluster.targets().stream().filter(t -> t.snode().id().equals(owner.id())).findFirst().orElseThrow();
  }

  static Node notOwner(LocalCluster cluster, Bucket bucket, String name) {
    Node owner = owner(cluster, bucket, name);
    return cluster.targets().stream().filter(t -> t != owner).findFirst().orElseThrow();
  }

  static List<Mountpath> mountpaths(Node target) throws IOException {
    return Mountpaths.open(target.config().mountpaths().stream().map(Path::of).toList()).all();
  }

  /** The mountpath HRW picks for the object on this target. */
  static Mountpath home(Node target, Bucket bucket, String name) throws IOException {
    return Mountpaths.open(target.config().mountpaths().stream().map(Path::of).toList()).forObject(bucket, name);
  }

  /** A mountpath of this target that is not the object's. */
  static Mountpath away(Node target, Bucket bucket, String name) throws IOException {
    Mountpath home = home(target, bucket, name);
    return mountpaths(target).stream().filter(m -> !m.equals(home)).findFirst().orElseThrow();
  }

  /** The object's file on its owner, where it is stored. */
  static Path file(LocalCluster cluster, Bucket bucket, String name) throws IOException {
    Node owner = owner(cluster, bucket, name);
    return Fqn.of(home(owner, bucket, name), bucket, name).path();
  }

  static Path path(Mountpath mountpath, Bucket bucket, String name) {
    return Fqn.of(mountpath, bucket, name).path();
  }

  /** Copies an object file with its metadata (extended attribute, and sidecar if there is one). */
  static void copy(Mountpath fromMountpath, Bucket bucket, String name, Mountpath to, String toName) throws IOException {
    Fqn from = Fqn.of(fromMountpath, bucket, name);
    Fqn target = Fqn.of(to, bucket, toName);
    Files.createDirectories(target.path().getParent());
    Files.copy(from.path(), target.path(), StandardCopyOption.COPY_ATTRIBUTES, StandardCopyOption.REPLACE_EXISTING);
    if (Files.exists(from.sidecarPath())) {
      Files.createDirectories(target.sidecarPath().getParent());
      Files.copy(from.sidecarPath(), target.sidecarPath(), StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
