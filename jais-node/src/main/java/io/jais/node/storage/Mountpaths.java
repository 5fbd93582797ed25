package io.jais.node.storage;

import io.jais.api.bucket.Bucket;
import io.jais.api.hash.Hrw;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The mountpaths of one target and the choice among them: an object lives on the HRW winner over
 * the digests of the available mountpaths for its uname, the same rule AIS uses. A mountpath
 * found failing (its directory gone or unreadable) is disabled: it leaves {@link #all()} and HRW
 * at once, and objects it held are then missing where HRW now places them (mirroring and EC
 * restore them there). The set only shrinks; readers see it through one volatile list.
 */
public final class Mountpaths {
  private static final Logger log = LoggerFactory.getLogger(Mountpaths.class);

  private volatile List<Mountpath> all;
  private final List<Mountpath> disabled = new java.util.concurrent.CopyOnWriteArrayList<>();

  public Mountpaths(List<Mountpath> mountpaths) {
    if (mountpaths.isEmpty()) {
      throw new IllegalArgumentException("a target needs at least one mountpath");
    }
    Set<Path> seen = new HashSet<>();
    for (Mountpath mountpath : mountpaths) {
      if (!seen.add(mountpath.path())) {
        throw new IllegalArgumentException("duplicate mountpath " + mountpath);
      }
    }
    this.all = List.copyOf(mountpaths);
    warnOnNonUtf8FileNames();
  }

  /** Opens (and creates when missing) each directory as a mountpath. */
  public static Mountpaths open(List<Path> directories) throws IOException {
    List<Mountpath> mountpaths = new ArrayList<>();
    for (Path directory : directories) {
      mountpaths.add(Mountpath.open(directory));
    }
    return new Mountpaths(mountpaths);
  }

  /** The available mountpaths: every configured one but those disabled. */
  public List<Mountpath> all() {
    return all;
  }

  /** The mountpaths disabled since start, in the order they were. */
  public List<Mountpath> disabled() {
    return List.copyOf(disabled);
  }

  /**
   * Takes a mountpath out of service (a failed disk): no object is placed on it or read from it
   * any more. The last available mountpath is never disabled: a target without any cannot answer
   * even a clear error about its objects.
   *
   * @return true when it was available and now is not
   */
  public synchronized boolean disable(Mountpath mountpath) {
    if (!all.contains(mountpath) || all.size() == 1) {
      return false;
    }
    List<Mountpath> left = new ArrayList<>(all);
    left.remove(mountpath);
    all = List.copyOf(left);
    disabled.add(mountpath);
    log.warn("mountpath {} disabled; {} available", mountpath, left.size());
    return true;
  }

  /** The mountpath that owns an object. */
  public Mountpath forObject(Bucket bucket, String objectName) {
    return Hrw.owner(all, Mountpath::digest, Hrw.keyDigest(bucket.uname(objectName)));
  }

  // The JDK maps file names through sun.jnu.encoding, which follows the locale: under LANG=C any
  // non-ASCII object name would be rejected. Say so once, at startup, instead of per request.
  private static void warnOnNonUtf8FileNames() {
    String encoding = System.getProperty("sun.jnu.encoding", "");
    if (!encoding.equalsIgnoreCase(StandardCharsets.UTF_8.name())) {
      log.warn("file name encoding is {}, not UTF-8: non-ASCII object names will be rejected; "
          + "run the node with a UTF-8 locale (e.g. LANG=C.UTF-8)", encoding);
    }
  }
}
