package io.jais.node;

import io.jais.api.cluster.NodeRole;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;

/**
 * A node's ID is chosen once and kept in its metadata directory, so a restarted node rejoins as
 * itself and finds its objects where HRW placed them.
 */
final class NodeIdentity {
  private static final String FILE = "node-id";
  private static final char[] ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

  private NodeIdentity() {}

  static String loadOrCreate(Path metaDir, NodeRole role, String configured) throws IOException {
    Path file = metaDir.resolve(FILE);
    if (Files.exists(file)) {
      String stored = Files.readString(file, StandardCharsets.UTF_8).trim();
      if (!configured.isEmpty() && !configured.equals(stored)) {
        throw new IllegalStateException("node_id " + configured + " does not match " + stored + " stored in " + file);
      }
      return stored;
    }
    String id = configured.isEmpty() ? generate(role) : configured;
    Files.createDirectories(metaDir);
    Files.writeString(file, id + "\n", StandardCharsets.UTF_8);
    return id;
  }

  private static String generate(NodeRole role) {
    SecureRandom random = new SecureRandom();
    StringBuilder id = new StringBuilder().append(role.idPrefix());
    for (int i = 0; i < 8; i++) {
      id.append(ALPHABET[random.nextInt(ALPHABET.length)]);
    }
    return id.toString();
  }
}
