package io.jais.client;

import io.jais.api.ActMsg;
import io.jais.api.Action;
import io.jais.api.ApiPath;
import io.jais.api.Header;
import io.jais.api.QueryParam;
import io.jais.api.bucket.Bucket;
import io.jais.api.error.ErrorCode;
import io.jais.api.error.JaisException;
import io.jais.api.json.WireJson;
import io.jais.api.object.ObjectAttrs;
import io.jais.api.object.PromoteArgs;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;

/**
 * Objects (docs/native-api.md#objects): {@code /v1/objects/{bucket}/{quote(name)}} on the endpoint,
 * which redirects
 * each call to the object's owner target; redirects are followed with the same method, headers
 * and body. Obtain it from {@link JaisClient#objects()}. Thread-safe.
 *
 * <p>Every method throws {@link JaisException} for any failure: the server's error (e.g.
 * {@code OBJECT_NOT_FOUND}, {@code BUCKET_NOT_FOUND}, {@code RANGE_NOT_SATISFIABLE},
 * {@code BAD_DIGEST}) or {@link ErrorCode#UNAVAILABLE} when a node cannot be reached. Object
 * names are any non-empty string; they are percent-encoded like Python's {@code quote}. No
 * argument may be null.
 */
public final class ObjectApi {
  private final Transport transport;

  ObjectApi(Transport transport) {
    this.transport = transport;
  }

  /** Stores {@code data} as the object, replacing any previous content; returns what the server reported. */
  public ObjectAttrs put(Bucket bucket, String name, byte[] data) {
    return put(bucket, name, data, PutOptions.NONE);
  }

  /** Like {@link #put(Bucket, String, byte[])} with a checksum to verify and/or custom metadata. */
  public ObjectAttrs put(Bucket bucket, String name, byte[] data, PutOptions options) {
    return put(bucket, name, RequestBody.of(data), options);
  }

  /**
   * Uploads a file, read from disk as it is sent (twice at most, never into memory).
   *
   * @throws UncheckedIOException if the file cannot be read
   */
  public ObjectAttrs put(Bucket bucket, String name, Path file) {
    return put(bucket, name, file, PutOptions.NONE);
  }

  /** Like {@link #put(Bucket, String, Path)} with a checksum to verify and/or custom metadata. */
  public ObjectAttrs put(Bucket bucket, String name, Path file, PutOptions options) {
    if (!Files.isReadable(file)) {
      throw new UncheckedIOException(new java.nio.file.NoSuchFileException(file.toString(), null,
          "cannot upload: not a readable file"));
    }
    return put(bucket, name, RequestBody.of(file), options);
  }

  /**
   * Uploads {@code length} bytes read from {@code stream} as they are sent, without buffering;
   * {@code length -1} sends until end of stream (chunked). The stream is read at most once and
   * is not closed. A stream shorter than {@code length} fails with {@code INVALID_ARGUMENT}.
   */
  public ObjectAttrs put(Bucket bucket, String name, InputStream stream, long length) {
    return put(bucket, name, stream, length, PutOptions.NONE);
  }

  /** Like {@link #put(Bucket, String, InputStream, long)} with a checksum and/or custom metadata. */
  public ObjectAttrs put(Bucket bucket, String name, InputStream stream, long length, PutOptions options) {
    if (length < -1) {
      throw new IllegalArgumentException("length " + length + " (expected: -1 for unknown, or >= 0)");
    }
    return put(bucket, name, RequestBody.of(stream, length), options);
  }

  private ObjectAttrs put(Bucket bucket, String name, RequestBody body, PutOptions options) {
    Call call = Call.object("PUT", bucket, name).body(body);
    options.apply(call);
    try (Reply reply = transport.send(call)) {
      long size = body instanceof RequestBody.Stream stream ? stream.sent() : body.length();
      return ObjectHeaders.parse(name, size, reply.headers());
    }
  }

  /** Returns the whole object. */
  public byte[] get(Bucket bucket, String name) {
    return transport.send(Call.object("GET", bucket, name)).bytes();
  }

  /**
   * Returns {@code length} bytes starting at {@code offset} ({@code Range: bytes=L-R}), fewer if
   * the object ends first; {@code length -1} reads to the end. An offset at or past the end is
   * {@code RANGE_NOT_SATISFIABLE}.
   */
  public byte[] get(Bucket bucket, String name, long offset, long length) {
    if (offset < 0 || length < -1) {
      throw new IllegalArgumentException("range offset " + offset + ", length " + length
          + " (expected: offset >= 0, length >= 0 or -1 for the rest)");
    }
    if (length == 0) {
      return new byte[0];
    }
    boolean toEnd = length < 0 || length > Long.MAX_VALUE - offset;
    String range = "bytes=" + offset + "-" + (toEnd ? "" : Long.toString(offset + length - 1));
    Reply reply = transport.send(Call.object("GET", bucket, name).header("Range", range));
    if (reply.status() == 206) {
      return reply.bytes();
    }
    // the server ignored the range and sent the whole object: cut it here
    try (InputStream in = reply.stream()) {
      in.skipNBytes(offset);
      return toEnd ? in.readAllBytes() : in.readNBytes((int) Math.min(length, Integer.MAX_VALUE - 8));
    } catch (java.io.EOFException e) {
      throw new JaisException(ErrorCode.RANGE_NOT_SATISFIABLE,
          bucket.uri() + "/" + name + ": offset " + offset + " is past the end of the object");
    } catch (IOException e) {
      throw reply.readFailed(e);
    }
  }

  /**
   * Streams the object to {@code destination}: into a temporary file beside it, then renamed
   * over it, so the destination is either the complete object or left as it was.
   *
   * @throws UncheckedIOException if writing the local file fails
   */
  public void get(Bucket bucket, String name, Path destination) {
    Path temp;
    try {
      temp = Files.createTempFile(destination.toAbsolutePath().getParent(), "." + destination.getFileName(), ".part");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary file beside " + destination, e);
    }
    try (Reply reply = transport.send(Call.object("GET", bucket, name))) {
      copy(reply, temp);
      try {
        Files.move(temp, destination, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, destination, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + destination, e);
    } finally {
      deleteQuietly(temp);
    }
  }

  /** Copies the reply body to a file; read failures are the network's, write failures the disk's. */
  private static void copy(Reply reply, Path file) throws IOException {
    byte[] buffer = new byte[64 * 1024];
    try (InputStream in = reply.stream(); OutputStream out = Files.newOutputStream(file)) {
      while (true) {
        int n;
        try {
          n = in.read(buffer);
        } catch (IOException e) {
          throw reply.readFailed(e);
        }
        if (n < 0) {
          return;
        }
        out.write(buffer, 0, n);
      }
    }
  }

  /**
   * Opens the object for reading as it arrives. The caller must close the stream; closing it
   * early abandons the transfer. Errors before the first byte are thrown here, later ones as
   * {@link IOException} from the stream.
   */
  public InputStream open(Bucket bucket, String name) {
    return transport.send(Call.object("GET", bucket, name)).stream();
  }

  /** Returns the object's attributes (HEAD v1, docs/native-api.md#objects); {@code 404} codes when absent. */
  public ObjectAttrs head(Bucket bucket, String name) {
    try (Reply reply = transport.send(Call.object("HEAD", bucket, name))) {
      return ObjectHeaders.parse(name, reply.headers());
    }
  }

  /** Returns the object's attributes, or empty when the object (not the bucket) does not exist. */
  public Optional<ObjectAttrs> headIfExists(Bucket bucket, String name) {
    try {
      return Optional.of(head(bucket, name));
    } catch (JaisException e) {
      if (e.code() == ErrorCode.OBJECT_NOT_FOUND || e.code() == ErrorCode.NOT_FOUND) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /** Deletes the object ({@code OBJECT_NOT_FOUND} if absent). */
  public void delete(Bucket bucket, String name) {
    transport.send(Call.object("DELETE", bucket, name)).discard();
  }

  /**
   * Sets custom metadata (docs/native-api.md#objects): merged into the existing entries, or replacing
   * all of them
   * when {@code replace} is true.
   */
  public void setCustom(Bucket bucket, String name, Map<String, String> custom, boolean replace) {
    Call call = Call.object("PATCH", bucket, name).action(ActMsg.of("", WireJson.MAPPER.valueToTree(custom)));
    if (replace) {
      call.query(QueryParam.SET_NEW_CUSTOM, "true");
    }
    transport.send(call).discard();
  }

  /**
   * Appends {@code data} to a pending append session (docs/native-api.md#objects) and returns the handle
   * for the
   * next append or the {@link #flush}; pass an empty handle to start a session. Readers see the
   * old content until the flush.
   */
  public String append(Bucket bucket, String name, String handle, byte[] data) {
    Call call = Call.object("PUT", bucket, name).body(RequestBody.of(data))
        .query(QueryParam.APPEND_TYPE, "append").query(QueryParam.APPEND_HANDLE, handle);
    try (Reply reply = transport.send(call)) {
      return reply.header(Header.APPEND_HANDLE).orElse("");
    }
  }

  /** Ends an append session: the object becomes its old content followed by every append. */
  public void flush(Bucket bucket, String name, String handle) {
    Call call = Call.object("PUT", bucket, name)
        .query(QueryParam.APPEND_TYPE, "flush").query(QueryParam.APPEND_HANDLE, handle);
    transport.send(call).discard();
  }

  /**
   * Copies an object within the cluster (docs/native-api.md#objects), possibly to another bucket, which must
   * exist ({@code BUCKET_NOT_FOUND} otherwise).
   */
  public void copy(Bucket source, String sourceName, Bucket destination, String destinationName) {
    Call call = Call.object("PUT", source, sourceName).query(QueryParam.OBJECT_TO, destination.uname(destinationName));
    transport.send(call).discard();
  }

  /**
   * Promotes a file or directory of the targets' file systems (under {@code PromoteArgs.ROOT})
   * into the bucket ({@code promote}): starts the job and returns its ID; wait for it with
   * {@link JobApi#await}.
   *
   * @throws JaisException {@code INVALID_ARGUMENT} for a source outside the promote root,
   *     {@code NOT_FOUND} when no target has it
   */
  public String promote(Bucket bucket, PromoteArgs args) {
    Call call = Call.of("POST", ApiPath.OBJECTS + "/" + UrlEncoding.quotePath(bucket.name())).bucketQuery(bucket)
        .action(new ActMsg(Action.PROMOTE, args.source(), WireJson.MAPPER.valueToTree(args)));
    return new String(transport.send(call).bytes(), java.nio.charset.StandardCharsets.UTF_8).strip();
  }

  private static void deleteQuietly(Path temp) {
    if (temp != null) {
      try {
        Files.deleteIfExists(temp);
      } catch (IOException e) {
        // best effort: a stray .part file is harmless
      }
    }
  }
}
