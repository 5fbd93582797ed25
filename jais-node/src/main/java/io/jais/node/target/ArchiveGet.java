package io.jais.node.target;

import io.jais.api.bucket.Bucket;
import io.jais.api.error.ErrorCode;
import io.jais.api.error.JaisException;
import io.jais.node.archive.ArchiveFormat;
import io.jais.node.archive.ArchiveReader;
import io.jais.node.archive.ArchiveWriter;
import io.jais.node.archive.MemberMatch;
import io.jais.node.archive.ShardFile;
import io.jais.node.http.Response;
import io.jais.node.objects.Caller;
import io.jais.node.objects.ObjectService;
import java.io.IOException;

/**
 * GET of a shard's members: {@code archpath} (one member, its bytes) and {@code archregx} with
 * {@code archmode} (the matching members, in shard order, as a new TAR). The shard is read
 * through the object service as any GET; nothing is written.
 *
 * <p>Design notes: whatever can go wrong before the first byte is a 4xx: a missing member or no
 * match (404), a malformed shard (400). A member of up to {@value #BUFFERED} bytes is read whole
 * before the reply, so a truncated or corrupt one is a 400 too; a larger one is streamed with its
 * length and a failure in its middle cuts the reply (its bytes were never all there). Memory stays
 * bounded by that buffer and the decoders' buffers.
 */
final class ArchiveGet {
  static final int BUFFERED = 1 << 20;

  private ArchiveGet() {}

  /** One member's bytes. */
  static Response member(ObjectService objects, Bucket bucket, String name, String archpath) throws IOException {
    String wanted = archpath.startsWith("/") ? archpath.substring(1) : archpath;
    ShardFile shard = ShardFile.open(objects, bucket, name, Caller.USER);
    ArchiveReader reader = null;
    boolean streaming = false;
    try {
      reader = shard.reader();
      for (ArchiveReader.Member member = reader.next(); member != null; member = reader.next()) {
        if (!member.name().equals(wanted)) {
          continue;
        }
        Response.Builder response = Response.builder(200).header("Content-Type", "application/octet-stream");
        if (member.size() <= BUFFERED) {
          return response.body(member.content().readNBytes((int) member.size())).build();
        }
        ArchiveReader open = reader;
        ArchiveReader.Member found = member;
        streaming = true;
        return response.header("Content-Length", Long.toString(member.size())).stream(out -> {
          try (shard; open) {
            found.content().transferTo(out);
          }
        }).build();
      }
      throw new JaisException(ErrorCode.NOT_FOUND, "file \"" + archpath + "\" does not exist in archive " + shard.what());
    } finally {
      if (!streaming) {
        try (shard) {
          if (reader != null) {
            reader.close();
          }
        }
      }
    }
  }

  /** The matching members as a TAR, in the shard's order; 404 when none matches. */
  static Response matching(ObjectService objects, Bucket bucket, String name, MemberMatch match) throws IOException {
    ShardFile shard = ShardFile.open(objects, bucket, name, Caller.USER);
    ArchiveReader reader = null;
    boolean streaming = false;
    try {
      reader = shard.reader();
      ArchiveReader.Member first = reader.next();
      while (first != null && !match.matches(first.name())) {
        first = reader.next();
      }
      if (first == null) {
        throw new JaisException(ErrorCode.NOT_FOUND, "no file in archive " + shard.what() + " matches " + match);
      }
      ArchiveReader open = reader;
      ArchiveReader.Member firstMatch = first;
      streaming = true;
      return Response.builder(200).header("Content-Type", ArchiveFormat.TAR.contentType()).stream(out -> {
        try (shard; open; ArchiveWriter tar = ArchiveWriter.create(ArchiveFormat.TAR, out)) {
          for (ArchiveReader.Member m = firstMatch; m != null; m = open.next()) {
            if (match.matches(m.name())) {
              tar.add(m.name(), m.size(), m.mtimeMillis(), m.content());
            }
          }
          tar.finish();
        }
      }).build();
    } finally {
      if (!streaming) {
        try (shard) {
          if (reader != null) {
            reader.close();
          }
        }
      }
    }
  }
}
