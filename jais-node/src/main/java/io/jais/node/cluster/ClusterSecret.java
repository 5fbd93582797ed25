package io.jais.node.cluster;

import io.jais.api.error.ErrorCode;
import io.jais.api.error.JaisException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.UUID;

/**
 * The secret every node of a cluster holds and no client sees: intra-cluster requests prove with
 * it that a node of this cluster sent them ({@link IntraAuth}).
 *
 * <p>It lives in a file of 64 hex digits (256 random bits), mode 0600. The first node that needs
 * it and finds no file creates it; the creation is atomic (a hard link of a finished temp file), so
 * nodes starting together on one host agree on one secret. Nodes on other hosts need a copy of the
 * file ({@code cluster_secret_file} in their config). Default location, for every node of one
 * user on one host: {@code $XDG_CONFIG_HOME/jais/cluster.secret} ({@code ~/.config/jais/...}).
 */
public final class ClusterSecret {
  private static final int BYTES = 32;

  private final byte[] key;
  private final Path file;

  private ClusterSecret(byte[] key, Path file) {
    this.key = key;
    this.file = file;
  }

  /** The secret from {@code file}, created there first if there is none. */
  public static ClusterSecret loadOrCreate(Path file) throws IOException {
    Path absolute = file.toAbsolutePath();
    if (!Files.exists(absolute)) {
      create(absolute);
    }
    return new ClusterSecret(read(absolute), absolute);
  }

  /** The file named by a node's config, or the default one when the config names none. */
  public static Path fileFor(String configured) {
    if (configured != null && !configured.isEmpty()) {
      return Path.of(configured);
    }
    String xdg = System.getenv("XDG_CONFIG_HOME");
    Path base = xdg != null && !xdg.isEmpty() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".config");
    return base.resolve("jais").resolve("cluster.secret");
  }

  /** A secret held in memory only (tests of components that take the key). */
  public static ClusterSecret ofKey(byte[] key) {
    return new ClusterSecret(key.clone(), null);
  }

  /** The 32 secret bytes. */
  public byte[] key() {
    return key.clone();
  }

  public Path file() {
    return file;
  }

  private static void create(Path file) throws IOException {
    Files.createDirectories(file.getParent());
    byte[] bytes = new byte[BYTES];
    new SecureRandom().nextBytes(bytes);
    Path temp = file.resolveSibling(file.getFileName() + "." + UUID.randomUUID() + ".tmp");
    try {
      Files.writeString(temp, HexFormat.of().formatHex(bytes) + "\n", StandardCharsets.US_ASCII);
      try {
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException e) {
        // not a POSIX filesystem: its own access rules apply
      }
      try (var channel = java.nio.channels.FileChannel.open(temp, java.nio.file.StandardOpenOption.WRITE)) {
        channel.force(true);
      }
      Files.createLink(file, temp); // fails if another node created it first: theirs wins
    } catch (FileAlreadyExistsException e) {
      // another node on this host was first
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  private static byte[] read(Path file) throws IOException {
    String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
    try {
      byte[] bytes = HexFormat.of().parseHex(text);
      if (bytes.length < 16) {
        throw new IllegalArgumentException("too short");
      }
      return bytes;
    } catch (IllegalArgumentException e) {
      throw new JaisException(ErrorCode.INVALID_CONFIG, "cluster secret file " + file
          + ": expected at least 32 hex digits (" + e.getMessage() + ")");
    }
  }
}
