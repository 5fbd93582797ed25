package io.jais.node.archive;

import io.jais.api.error.JaisException;
import java.util.Arrays;
import java.util.Optional;

/**
 * The shard formats AIS reads and writes, each named by its file extension (AIS's "mime"):
 * {@code .tar}, {@code .tgz} and {@code .tar.gz} (the same format), {@code .zip}, {@code .tar.lz4}.
 * A shard's format comes from its name; a name without a known extension is recognized by its
 * first bytes ({@link #detect}).
 */
public enum ArchiveFormat {
  TAR(".tar", "application/x-tar"),
  TGZ(".tgz", "application/gzip"),
  TAR_GZ(".tar.gz", "application/gzip"),
  ZIP(".zip", "application/zip"),
  TAR_LZ4(".tar.lz4", "application/x-lz4");

  /** How many leading bytes {@link #detect} looks at (the TAR magic is at 257). */
  public static final int DETECT_BYTES = 512;

  private final String extension;
  private final String contentType;

  ArchiveFormat(String extension, String contentType) {
    this.extension = extension;
    this.contentType = contentType;
  }

  /** The extension with its dot, as AIS names the format ({@code .tar.gz}). */
  public String extension() {
    return extension;
  }

  /** The HTTP Content-Type of a response in this format. */
  public String contentType() {
    return contentType;
  }

  /** True for the TAR family (TAR, compressed or not); false for ZIP. */
  public boolean isTar() {
    return this != ZIP;
  }

  /** The format a file name's extension says, if any. */
  public static Optional<ArchiveFormat> byName(String name) {
    return Arrays.stream(values()).filter(f -> name.endsWith(f.extension)).findFirst();
  }

  /**
   * AIS's normalization of a requested format: {@code "tar.gz"}, {@code ".tgz"}, {@code "zip"},
   * ... (a string containing the extension without its dot).
   *
   * @throws JaisException 400 for a format AIS does not know
   */
  public static ArchiveFormat ofMime(String mime) {
    if (mime.contains("tar.gz")) {
      return TAR_GZ;
    }
    if (mime.contains("tar.lz4")) {
      return TAR_LZ4;
    }
    for (ArchiveFormat format : values()) {
      if (mime.contains(format.extension.substring(1))) {
        return format;
      }
    }
    throw JaisException.invalid("unknown archive format \"" + mime + "\" (expected one of .tar, .tgz, .tar.gz, .zip, .tar.lz4)");
  }

  /**
   * The format of a shard to write, as AIS enforces it: the name must have an archive extension,
   * and a requested format must be that one ({@code .tgz} and {@code .tar.gz} are one format).
   *
   * @throws JaisException 400 otherwise
   */
  public static ArchiveFormat forWriting(String mime, String name) {
    ArchiveFormat byName = byName(name).orElseThrow(() -> JaisException.invalid("archive name \"" + name
        + "\" has no archive extension (.tar, .tgz, .tar.gz, .zip, .tar.lz4)"));
    if (mime != null && !mime.isEmpty()) {
      ArchiveFormat requested = ofMime(mime);
      if (requested != byName && !(requested.isGzip() && byName.isGzip())) {
        throw JaisException.invalid("archive format mismatch: \"" + mime + "\" vs the name \"" + name + "\"");
      }
    }
    return byName;
  }

  private boolean isGzip() {
    return this == TGZ || this == TAR_GZ;
  }

  /** The format the leading bytes of a file show, if any (TAR magic at 257, gzip, zip, LZ4 frame). */
  public static Optional<ArchiveFormat> detect(byte[] head, int length) {
    if (length >= 4 && head[0] == 0x04 && head[1] == 0x22 && head[2] == 0x4d && head[3] == 0x18) {
      return Optional.of(TAR_LZ4);
    }
    if (length >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
      return Optional.of(TAR_GZ);
    }
    if (length >= 2 && head[0] == 'P' && head[1] == 'K') {
      return Optional.of(ZIP);
    }
    if (length >= 262 && head[257] == 'u' && head[258] == 's' && head[259] == 't' && head[260] == 'a' && head[261] == 'r') {
      return Optional.of(TAR);
    }
    return Optional.empty();
  }
}
