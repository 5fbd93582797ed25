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
 * the mountpath digests for its uname, the same rule AIS uses. Immutable.
 */
public final class Mountpaths {
  private static final Logger log = LoggerFactory.getLogger(Mountpaths.class);

  private final List<Mountpath> all;

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

  public List<Mountpath> all() {
    return all;
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
