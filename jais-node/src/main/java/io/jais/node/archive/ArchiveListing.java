package io.jais.node.archive;

import io.jais.api.bucket.Bucket;
import io.jais.api.error.JaisException;
import io.jais.api.object.EntryFlags;
import io.jais.api.object.ObjectEntry;
import io.jais.node.objects.Caller;
import io.jais.node.objects.ObjectService;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A listing page with its shards opened up (list flag {@code ARCH_DIR}): each object whose name
 * says it is a shard is flagged {@code IsArchive} and followed by its members, named
 * {@code <shard>/<member>}, with their sizes and the flag {@code InArch} on top of the shard's own
 * status flags (e.g. cached). A shard that cannot be read is listed without members (and logged):
 * one bad shard does not fail a listing of many.
 */
public final class ArchiveListing {
  private static final Logger LOG = LoggerFactory.getLogger(ArchiveListing.class);
  private static final int INHERITED = EntryFlags.STATUS_MASK | EntryFlags.IS_CACHED;

  private ArchiveListing() {}

  /** The page with every shard's members after it. */
  public static List<ObjectEntry> expand(ObjectService objects, Bucket bucket, List<ObjectEntry> page, Caller caller)
      throws IOException {
    List<ObjectEntry> out = new ArrayList<>(page.size());
    for (ObjectEntry entry : page) {
      if (entry.isDir() || ArchiveFormat.byName(entry.name()).isEmpty()) {
        out.add(entry);
        continue;
      }
      out.add(withFlags(entry, entry.flags() | EntryFlags.IS_ARCHIVE));
      try (ShardFile shard = ShardFile.open(objects, bucket, entry.name(), caller); ArchiveReader reader = shard.reader()) {
        int flags = (entry.flags() & INHERITED) | EntryFlags.IN_ARCHIVE;
        for (ArchiveReader.Member member = reader.next(); member != null; member = reader.next()) {
          out.add(new ObjectEntry(entry.name() + "/" + member.name(), "", "", "", "", "", member.size(), 0, flags));
        }
      } catch (JaisException e) {
        LOG.info("listing {}/{} without its members: {}", bucket.uri(), entry.name(), e.getMessage());
      }
    }
    return out;
  }

  private static ObjectEntry withFlags(ObjectEntry e, int flags) {
    return new ObjectEntry(e.name(), e.checksum(), e.atime(), e.version(), e.location(), e.custom(), e.size(), e.copies(),
        flags);
  }
}
