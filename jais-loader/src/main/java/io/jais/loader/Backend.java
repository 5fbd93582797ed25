package io.jais.loader;

import java.util.List;

/** One API the loader drives: the AIS native API or S3. Thread-safe. */
interface Backend extends AutoCloseable {
  /** Makes sure the bucket exists; returns true if this call created it. */
  boolean prepareBucket() throws Exception;

  /** Names of the bucket's objects under the prefix. */
  List<String> list(String prefix) throws Exception;

  /** Writes the object with {@link Content} for its name; returns the bytes sent. */
  long put(String name, long size) throws Exception;

  /** Reads the whole object, checking its content when asked; returns the bytes received. */
  long get(String name, boolean verify) throws Exception;

  void delete(String name) throws Exception;

  void destroyBucket() throws Exception;

  /** E.g. {@code native http://127.0.0.1:8080 ais://b}. */
  String describe();

  @Override
  void close();

  /** A failed operation, with a short kind for the error counts ({@code http-404}, {@code verify}). */
  final class OpException extends Exception {
    private final String kind;

    OpException(String kind, String message) {
      super(message, null, false, false);
      this.kind = kind;
    }

    String kind() {
      return kind;
    }
  }

  static OpException verifyFailed(String name, long length, long expected, long mismatch) {
    if (mismatch >= 0) {
      return new OpException("verify", name + ": wrong content at byte " + mismatch);
    }
    return new OpException("verify", name + ": got " + length + " bytes, Content-Length said " + expected);
  }
}
