package io.jais.node.transport;

import io.jais.api.error.ErrorCode;
import io.jais.api.error.JaisException;

/**
 * The stream protocol's constants. All integers are big-endian; strings are UTF-8 (strictly
 * checked on receipt) behind a length.
 *
 * <pre>
 * handshake
 *   acceptor  → initiator  HELLO   magic "JAISSTRM" | u8 version | u16 maxInFlight | u32 maxHeaderBytes
 *                                  | nonce[32] | u8 n | acceptor ID[n]
 *   initiator → acceptor   AUTH    magic | u8 version | nonce[32] | i64 unix millis | u8 n | initiator ID[n]
 *                                  | u8 n | acceptor ID[n] | mac[32]
 *   acceptor  → initiator  ACCEPT  mac[32]          (or the connection closes)
 * frames
 *   initiator → acceptor   OBJECT  u8 1 | u8 flags | u64 seq | i64 bodyLength | u32 headerLength | header | body
 *   acceptor  → initiator  ACK     u8 2 | u64 seq | u8 status (0 OK, 1 error) | u16 n | code[n] | u16 n | message[n]
 * header
 *   trname, job ID, bucket name, provider, namespace UUID, namespace name, object name (u32-length strings),
 *   i64 size, checksum type, checksum value, version, i64 atime, i64 mtime,
 *   u32 count × (key, value), u32 n | opaque[n]
 * body
 *   flags 0             bodyLength raw bytes (0 for an empty object)
 *   flags HEADER_ONLY   nothing; bodyLength 0
 *   flags CHUNKED       (u32 n | bytes[n])* then u32 0 (end) or u32 0xFFFFFFFF (the sender's source failed);
 *                       bodyLength is the declared total, or -1 when unknown
 * </pre>
 *
 * The MACs are HMAC-SHA256 with the cluster secret over a label, the other side's nonce, the own
 * nonce, both node IDs (length-prefixed, own first) and the initiator's timestamp: each side proves
 * it holds the secret over a nonce the other side just chose.
 */
final class Wire {
  static final long MAGIC = 0x4A4149535354524DL; // "JAISSTRM"
  static final int VERSION = 1;
  static final int NONCE_BYTES = 32;
  static final int MAC_BYTES = 32;
  static final int MAX_ID_BYTES = 255;

  static final byte OBJECT = 1;
  static final byte ACK = 2;

  static final int FLAG_HEADER_ONLY = 1;
  static final int FLAG_CHUNKED = 2;
  static final int KNOWN_FLAGS = FLAG_HEADER_ONLY | FLAG_CHUNKED;

  /** type, flags, seq, bodyLength, headerLength. */
  static final int OBJECT_PREFIX_BYTES = 1 + 1 + 8 + 8 + 4;
  /** type, seq, status, code length. */
  static final int ACK_PREFIX_BYTES = 1 + 8 + 1 + 2;
  static final int CHUNK_END = 0;
  static final int CHUNK_ABORT = -1;
  /** The largest chunk of a chunked body; senders split larger source buffers. */
  static final int MAX_CHUNK_BYTES = 1 << 20;
  static final int MAX_ACK_CODE_BYTES = 64;
  static final int MAX_ACK_MESSAGE_BYTES = 4096;

  static final byte STATUS_OK = 0;
  static final byte STATUS_ERROR = 1;

  private Wire() {}

  /** A frame that breaks the protocol: the connection is closed with this reason. */
  static JaisException malformed(String reason) {
    return new JaisException(ErrorCode.MALFORMED_BODY, reason);
  }
}
