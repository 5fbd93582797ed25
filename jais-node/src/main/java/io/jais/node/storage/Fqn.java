package io.jais.node.storage;

import io.jais.api.bucket.Bucket;
import io.jais.api.error.ErrorCode;
import io.jais.api.error.JaisException;
import io.jais.api.hash.Xxh64;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The fully qualified name of an object on a mountpath:
 * {@code <mountpath>/@<provider>/[#<namespace>/]<bucket>/%ob/<object name>}. Beside {@code %ob},
 * a bucket directory holds {@code %wk} (workfiles, same filesystem so that commit is a rename) and
 * {@code %md} (metadata sidecars, same relative name as the object). Construction validates the
 * name and proves that the path stays inside the bucket's {@code %ob} directory.
 *
 * <p>A name with a component over the filesystem's 255-byte limit cannot be a path: like AIS, such
 * an object is stored under a fixed-length file name, the XXH64 of its name, in the directory
 * {@code %ob/}{@value ObjectName#LONG_NAMES} (its sidecar in {@code %md/}{@value ObjectName#LONG_NAMES}),
 * and its metadata keeps the full name ({@link LomStore}). No regular name has that component, so
 * the two kinds cannot meet; two long names with the same hash are told apart by the stored name.
 */
public final class Fqn {
  public static final String OBJECTS = "%ob";
  public static final String WORK = "%wk";
  public static final String META = "%md";
  /** Per-mountpath directory where destroyed buckets wait to be deleted. */
  public static final String TRASH = "%trash";

  private final Mountpath mountpath;
  private final Bucket bucket;
  private final String objectName;
  private final Path path;
  private final boolean hashed;

  private Fqn(Mountpath mountpath, Bucket bucket, String objectName, Path path, boolean hashed) {
    this.mountpath = mountpath;
    this.bucket = bucket;
    this.objectName = objectName;
    this.path = path;
    this.hashed = hashed;
  }

  /**
   * @throws JaisException INVALID_NAME when the name breaks {@link ObjectName} rules, cannot be
   *     represented by the filesystem, or would resolve outside the bucket
   */
  public static Fqn of(Mountpath mountpath, Bucket bucket, String objectName) {
    ObjectName.validate(bucket, objectName);
    Path objects = contentDir(mountpath, bucket, OBJECTS);
    if (ObjectName.shortened(objectName)) {
      return new Fqn(mountpath, bucket, objectName, hashedPath(objects, objectName), true);
    }
    Path resolved = resolveInside(objects, objectName, bucket);
    return new Fqn(mountpath, bucket, objectName, resolved, false);
  }

  /** {@code <dir>/.jais-long/<16 hex digits of the name's XXH64>}. */
  static Path hashedPath(Path contentDir, String objectName) {
    return contentDir.resolve(ObjectName.LONG_NAMES).resolve(Xxh64.hex(Xxh64.hash(objectName, 0)));
  }

  /** {@code <mountpath>/@<provider>/[#<namespace>/]<bucket>}. */
  public static Path bucketDir(Mountpath mountpath, Bucket bucket) {
    Path dir = mountpath.path().resolve("@" + bucket.provider().wireName());
    String namespace = bucket.namespace().display();
    if (!namespace.isEmpty()) {
      // display() is "#name", "@uuid" or "@uuid#name": the directory always starts with one '#'
      dir = dir.resolve(safeComponent(namespace.startsWith("#") ? namespace : "#" + namespace, bucket));
    }
    return dir.resolve(safeComponent(bucket.name(), bucket));
  }

  /**
   * Every bucket directory on a mountpath, any provider and namespace: the children of
   * {@code @<provider>} and of its {@code #<namespace>} directories.
   */
  public static List<Path> bucketDirs(Mountpath mountpath) throws IOException {
    List<Path> buckets = new ArrayList<>();
    for (Path provider : subdirectories(mountpath.path(), "@")) {
      for (Path child : subdirectories(provider, "")) {
        if (child.getFileName().toString().startsWith("#")) {
          buckets.addAll(subdirectories(child, ""));
        } else {
          buckets.add(child);
        }
      }
    }
    return buckets;
  }

  /**
   * The bucket a bucket directory of {@link #bucketDirs} stands for: the inverse of
   * {@link #bucketDir}; empty for a directory that no bucket maps to.
   */
  public static java.util.Optional<Bucket> bucketOf(Mountpath mountpath, Path dir) {
    Path relative = mountpath.path().relativize(dir);
    int parts = relative.getNameCount();
    String provider = relative.getName(0).toString();
    if (!provider.startsWith("@") || parts < 2 || parts > 3) {
      return java.util.Optional.empty();
    }
    io.jais.api.bucket.Namespace namespace = io.jais.api.bucket.Namespace.GLOBAL;
    if (parts == 3) {
      String ns = relative.getName(1).toString().substring(1); // "#name", "#@uuid" or "#@uuid#name"
      if (ns.startsWith("@")) {
        int hash = ns.indexOf('#');
        namespace = new io.jais.api.bucket.Namespace(hash < 0 ? ns.substring(1) : ns.substring(1, hash),
            hash < 0 ? "" : ns.substring(hash + 1));
      } else {
        namespace = new io.jais.api.bucket.Namespace("", ns);
      }
    }
    try {
      Bucket bucket = new Bucket(relative.getName(parts - 1).toString(),
          io.jais.api.bucket.Provider.parse(provider.substring(1)), namespace);
      return bucketDir(mountpath, bucket).equals(dir) ? java.util.Optional.of(bucket) : java.util.Optional.empty();
    } catch (JaisException e) {
      return java.util.Optional.empty();
    }
  }

  private static List<Path> subdirectories(Path dir, String namePrefix) throws IOException {
    List<Path> result = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path entry : entries) {
        if (entry.getFileName().toString().startsWith(namePrefix)
            && Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
          result.add(entry);
        }
      }
    } catch (NoSuchFileException e) {
      return result;
    }
    return result;
  }

  /** One content directory ({@link #OBJECTS}, {@link #WORK}, {@link #META}) of a bucket. */
  public static Path contentDir(Mountpath mountpath, Bucket bucket, String kind) {
    return bucketDir(mountpath, bucket).resolve(kind);
  }

  /** Resolves a relative name under a base dir, refusing anything that escapes it. */
  static Path resolveInside(Path base, String relative, Bucket bucket) {
    try {
      Path resolved = base.resolve(relative).normalize();
      if (!resolved.startsWith(base) || resolved.equals(base)) {
        throw new JaisException(ErrorCode.INVALID_NAME,
            "invalid object name " + bucket.uri() + "/" + relative + ": escapes the bucket directory");
      }
      return resolved;
    } catch (InvalidPathException e) {
      throw new JaisException(ErrorCode.INVALID_NAME, "invalid object name " + bucket.uri() + "/" + relative
          + ": not representable in the file name encoding " + System.getProperty("sun.jnu.encoding"));
    }
  }

  private static String safeComponent(String component, Bucket bucket) {
    if (component.isEmpty() || component.equals(".") || component.equals("..")
        || component.indexOf('/') >= 0 || component.indexOf('\0') >= 0) {
      throw new JaisException(ErrorCode.INVALID_NAME, "invalid bucket " + bucket.uri() + " for a directory name");
    }
    return component;
  }

  public Mountpath mountpath() {
    return mountpath;
  }

  public Bucket bucket() {
    return bucket;
  }

  public String objectName() {
    return objectName;
  }

  /** The object's file. */
  public Path path() {
    return path;
  }

  /** Whether the file is named by a hash of the object name (a component is over 255 bytes). */
  public boolean hashed() {
    return hashed;
  }

  /** Where the object's metadata lives when it does not fit an extended attribute. */
  public Path sidecarPath() {
    if (hashed) {
      return hashedPath(contentDir(mountpath, bucket, META), objectName);
    }
    return resolveInside(contentDir(mountpath, bucket, META), objectName, bucket);
  }

  /** The bucket's workfile directory on this object's mountpath. */
  public Path workDir() {
    return contentDir(mountpath, bucket, WORK);
  }

  /** The bucket's object directory on this object's mountpath. */
  public Path objectsDir() {
    return contentDir(mountpath, bucket, OBJECTS);
  }

  @Override
  public String toString() {
    return path.toString();
  }
}
