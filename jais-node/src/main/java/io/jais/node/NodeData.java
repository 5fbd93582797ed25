package io.jais.node;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What a decommissioned node deletes once closed: its cluster metadata and, if asked, its objects. */
final class NodeData {
  private static final Logger LOG = LoggerFactory.getLogger(NodeData.class);
  /** The documents of the cluster it left; its ID and its own config stay. */
  private static final List<String> CLUSTER_METADATA = List.of("smap.json", "bmd.json", "config.json");

  private NodeData() {}

  static void remove(Path metaDir, List<String> mountpaths) {
    for (String name : CLUSTER_METADATA) {
      try {
        Files.deleteIfExists(metaDir.resolve(name));
      } catch (IOException e) {
        LOG.warn("cannot delete {}: {}", metaDir.resolve(name), e.toString());
      }
    }
    for (String mountpath : mountpaths) {
      Path root = Path.of(mountpath);
      try (Stream<Path> all = Files.walk(root)) {
        all.sorted(Comparator.reverseOrder()).filter(p -> !p.equals(root)).forEach(p -> {
          try {
            Files.delete(p);
          } catch (IOException e) {
            LOG.warn("cannot delete {}: {}", p, e.toString());
          }
        });
      } catch (IOException e) {
        LOG.warn("cannot empty mountpath {}: {}", root, e.toString());
      }
    }
  }
}
