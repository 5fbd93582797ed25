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
 * <p><b>Escaped form.</b> A name that cannot be a path ({@link ObjectName#plain}: a folder marker
 * {@code dir/}, {@code a//b}, {@code /lead}, {@code a/../b}, a component over 255 bytes), or a
 * plain one whose path is taken ({@code a/b} while objects live under {@code a/b/}, or
 * {@code a/b/c} while {@code a/b} is an object), is stored under a fixed-length file name, the
 * XXH64 of its name, in {@code %ob/}{@value ObjectName#ESCAPED} (its sidecar in
 * {@code %md/}{@value ObjectName#ESCAPED}), and its metadata keeps the full name ({@link LomStore}).
 * No plain name has that first component, so the two forms cannot meet; two escaped names with
 * the same hash are told apart by the stored name. Which form an existing object has is found by
 * {@link ObjectFiles}; {@link #of} gives the form a new object tries first.
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
  private final boolean escaped;

  private Fqn(Mountpath mountpath, Bucket bucket, String objectName, Path path, boolean escaped) {
    this.mountpath = mountpath;
    this.bucket = bucket;
    this.objectName = objectName;
    this.path = path;
    this.escaped = escaped;
  }

  /**
   * The form a new object of this name tries first: plain when the name can be a path, else
   * escaped.
   *
   * @throws JaisException INVALID_NAME when the name breaks {@link ObjectName} rules
   */
  public static Fqn of(Mountpath mountpath, Bucket bucket, String objectName) {
    ObjectName.validate(bucket, objectName);
    if (!ObjectName.plain(objectName)) {
      return escaped(mountpath, bucket, objectName);
    }
    Path resolved = resolveInside(contentDir(mountpath, bucket, OBJECTS), objectName, bucket);
    return new Fqn(mountpath, bucket, objectName, resolved, false);
  }

  /** The escaped form of a valid name ({@code %ob/.jais-long/<xxh64>}). */
  static Fqn escaped(Mountpath mountpath, Bucket bucket, String objectName) {
    return new Fqn(mountpath, bucket, objectName,
        hashedPath(contentDir(mountpath, bucket, OBJECTS), objectName), true);
  }

  /**
   * The same object in the same form on another mountpath: where AIS keeps a mirror copy (the
   * same path under another mountpath's root).
   */
  Fqn onMountpath(Mountpath other) {
    if (other.equals(mountpath)) {
      return this;
    }
    return escaped ? escaped(other, bucket, objectName)
        : new Fqn(other, bucket, objectName, resolveInside(contentDir(other, bucket, OBJECTS), objectName, bucket), false);
  }

  /** This object in the escaped form (itself when it already is). */
  Fqn asEscaped() {
    return escaped ? this : escaped(mountpath, bucket, objectName);
  }

  /** {@code <dir>/.jais-long/<16 hex digits of the name's XXH64>}. */
  static Path hashedPath(Path contentDir, String objectName) {
    return contentDir.resolve(ObjectName.ESCAPED).resolve(Xxh64.hex(Xxh64.hash(objectName, 0)));
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

  /** Whether the file is named by a hash of the object name (the escaped form). */
  public boolean escaped() {
    return escaped;
  }

  /** Where the object's metadata lives when it does not fit an extended attribute. */
  public Path sidecarPath() {
    if (escaped) {
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
