package io.jais.node.transport;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The proofs both ends of a stream connection exchange: HMAC-SHA256 with the cluster secret over
 * a role label, the other side's fresh nonce, the own nonce, both node IDs and the initiator's
 * timestamp. The other side's nonce makes a recorded proof useless on a new connection; the label
 * keeps an acceptor's proof from passing as an initiator's; the IDs bind the proof to this pair of
 * nodes.
 */
final class HandshakeMac {
  private static final byte[] INITIATOR = "jais-stream initiator".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] ACCEPTOR = "jais-stream acceptor".getBytes(StandardCharsets.US_ASCII);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final SecretKeySpec key;

  HandshakeMac(byte[] secret) {
    if (secret == null || secret.length == 0) {
      throw new IllegalArgumentException("the cluster secret is empty");
    }
    this.key = new SecretKeySpec(secret.clone(), "HmacSHA256");
  }

  static byte[] nonce() {
    byte[] nonce = new byte[Wire.NONCE_BYTES];
    RANDOM.nextBytes(nonce);
    return nonce;
  }

  /** What the initiator sends: over the acceptor's nonce, then its own. */
  byte[] initiatorProof(byte[] acceptorNonce, byte[] initiatorNonce, String initiatorId, String acceptorId,
      long millis) {
    return mac(INITIATOR, acceptorNonce, initiatorNonce, initiatorId, acceptorId, millis);
  }

  /** What the acceptor answers: over the initiator's nonce, then its own. */
  byte[] acceptorProof(byte[] initiatorNonce, byte[] acceptorNonce, String acceptorId, String initiatorId,
      long millis) {
    return mac(ACCEPTOR, initiatorNonce, acceptorNonce, acceptorId, initiatorId, millis);
  }

  /** Constant-time comparison. */
  static boolean matches(byte[] expected, byte[] actual) {
    return MessageDigest.isEqual(expected, actual);
  }

  private byte[] mac(byte[] label, byte[] otherNonce, byte[] ownNonce, String ownId, String otherId, long millis) {
    byte[] own = ownId.getBytes(StandardCharsets.UTF_8);
    byte[] other = otherId.getBytes(StandardCharsets.UTF_8);
    ByteBuffer input = ByteBuffer.allocate(label.length + 2 * Wire.NONCE_BYTES + 8 + own.length + other.length + 8);
    input.put(label).put(otherNonce).put(ownNonce);
    input.putInt(own.length).put(own).putInt(other.length).put(other);
    input.putLong(millis);
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return mac.doFinal(input.array());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }
}
