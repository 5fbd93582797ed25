package io.jais.node.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * What a {@link Handler} answers: a status, the headers it set (and only those: nothing like ETag
 * or Last-Modified is added), and a body. Unchangeable by handlers; build one with the static
 * factories or {@link #builder(int)}, and return a new one per request: the server completes the
 * headers in place as it writes the response (no copy on the hot path), so it is written once.
 *
 * <p>Bodies: none, bytes (text, JSON), a file region sent with zero-copy {@code sendfile} (the
 * {@link FileChannel} is closed once the transfer ends, so a file response is sent at most once),
 * or a {@link StreamBody}. The server sets {@code Content-Length} for byte and file bodies. For
 * HEAD requests no body is sent and the headers go out exactly as set: a HEAD handler sets {@code
 * Content-Length} itself.
 */
public final class Response {
  /** The body variants the writer knows how to send. */
  sealed interface Body permits Empty, Bytes, FileBody, Streamed {}

  record Empty() implements Body {}

  record Bytes(byte[] bytes) implements Body {}

  /** {@code release} null: the response owns the channel and closes it; else it runs instead. */
  record FileBody(FileChannel channel, long offset, long length, Runnable release) implements Body {}

  record Streamed(StreamBody producer) implements Body {}

  private static final Empty EMPTY = new Empty();

  private final int status;
  private final HttpHeaders headers;
  private final Body body;

  private Response(int status, HttpHeaders headers, Body body) {
    this.status = status;
    this.headers = headers;
    this.body = body;
  }

  /** 200 with no body. */
  public static Response ok() {
    return builder(200).build();
  }

  /** The status with no body. */
  public static Response status(int status) {
    return builder(status).build();
  }

  /** 200 with a UTF-8 {@code text/plain} body. */
  public static Response text(String text) {
    return builder(200).text(text).build();
  }

  /** 200 with an {@code application/octet-stream} body. */
  public static Response bytes(byte[] bytes) {
    return builder(200)
        .header(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_OCTET_STREAM)
        .body(bytes)
        .build();
  }

  /** 200 with the value serialized as JSON (serialized now, so failures surface in the handler). */
  public static Response json(Object value) {
    return builder(200).json(value).build();
  }

  /** 200 with {@code length} bytes of the file from {@code offset}, sent zero-copy. */
  public static Response file(FileChannel channel, long offset, long length) {
    return builder(200).file(channel, offset, length).build();
  }

  /** 200 with a body written while it is sent. */
  public static Response stream(StreamBody body) {
    return builder(200).stream(body).build();
  }

  /** A redirect (301, 302, 307, 308) to an already encoded URL. */
  public static Response redirect(int status, String location) {
    if (status < 300 || status > 399) {
      throw new IllegalArgumentException("not a redirect status: " + status);
    }
    return builder(status).header(HttpHeaderNames.LOCATION, location).build();
  }

  public static Builder builder(int status) {
    return new Builder(status);
  }

  /** A builder holding a copy of this response, to derive a changed one. */
  public Builder toBuilder() {
    Builder builder = new Builder(status);
    builder.headers.set(headers);
    builder.body = body;
    return builder;
  }

  public int status() {
    return status;
  }

  /** The first value of a header, or null. */
  public String header(CharSequence name) {
    return headers.get(name);
  }

  /** All values of a header, in the order set. */
  public List<String> headers(CharSequence name) {
    return headers.getAll(name);
  }

  /**
   * The live headers. The writer adds {@code Connection} and {@code Content-Length} to them as it
   * sends the response (once: see the class comment).
   */
  HttpHeaders rawHeaders() {
    return headers;
  }

  Body body() {
    return body;
  }

  @Override
  public String toString() {
    return "Response[" + status + ", " + body.getClass().getSimpleName() + "]";
  }

  /** Builds a {@link Response}; not thread-safe, use once. */
  public static final class Builder {
    private int status;
    private final HttpHeaders headers = DefaultHttpHeadersFactory.headersFactory().newHeaders();
    private Body body = EMPTY;
    private boolean built;

    private Builder(int status) {
      this.status = checkStatus(status);
    }

    public Builder status(int status) {
      this.status = checkStatus(status);
      return this;
    }

    /** Sets a header, replacing earlier values. */
    public Builder header(CharSequence name, Object value) {
      checkOpen();
      headers.set(name, value);
      return this;
    }

    /**
     * Adds every header of {@code template} (a response built as a reusable set of headers and
     * never written itself), without validating them again: e.g. an object version's
     * attributes, built once and shared by the GETs of that version.
     */
    public Builder headersOf(Response template) {
      checkOpen();
      headers.add(template.headers);
      return this;
    }

    /** Adds a header value, keeping earlier ones (e.g. one {@code Ais-Custom-Md} line per key). */
    public Builder addHeader(CharSequence name, Object value) {
      checkOpen();
      headers.add(name, value);
      return this;
    }

    public Builder removeHeader(CharSequence name) {
      checkOpen();
      headers.remove(name);
      return this;
    }

    /** A byte body; the array is not copied, so do not change it afterwards. */
    public Builder body(byte[] bytes) {
      this.body = new Bytes(Objects.requireNonNull(bytes));
      return this;
    }

    /** A UTF-8 text body; sets {@code Content-Type: text/plain; charset=utf-8} unless set. */
    public Builder text(String text) {
      if (!headers.contains(HttpHeaderNames.CONTENT_TYPE)) {
        headers.set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
      }
      return body(text.getBytes(StandardCharsets.UTF_8));
    }

    /** A JSON body ({@code Content-Type: application/json}), serialized now. */
    public Builder json(Object value) {
      try {
        header(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
        return body(JsonCodec.MAPPER.writeValueAsBytes(value));
      } catch (JsonProcessingException e) {
        throw new IllegalArgumentException(
            "cannot serialize " + value.getClass().getName() + " as JSON", e);
      }
    }

    /** A zero-copy file region; the response owns the channel and closes it after sending. */
    public Builder file(FileChannel channel, long offset, long length) {
      return file(channel, offset, length, null);
    }

    /**
     * A zero-copy file region from a channel the response does not own (shared by concurrent
     * GETs: read positionally, never closed here); {@code release} runs exactly once when the
     * transfer ends, fails, or the body is not sent (HEAD, closed connection).
     */
    public Builder sharedFile(FileChannel channel, long offset, long length, Runnable release) {
      return file(channel, offset, length, Objects.requireNonNull(release));
    }

    private Builder file(FileChannel channel, long offset, long length, Runnable release) {
      if (offset < 0 || length < 0) {
        throw new IllegalArgumentException("negative offset or length: " + offset + ", " + length);
      }
      this.body = new FileBody(Objects.requireNonNull(channel), offset, length, release);
      return this;
    }

    public Builder stream(StreamBody producer) {
      this.body = new Streamed(Objects.requireNonNull(producer));
      return this;
    }

    /** The response; the builder hands its headers over and must not be used again. */
    public Response build() {
      if (built) {
        throw new IllegalStateException("build() was already called");
      }
      built = true; // no defensive copy on the hot path: the headers now belong to the response
      return new Response(status, headers, body);
    }

    private void checkOpen() {
      if (built) {
        throw new IllegalStateException("the response was already built");
      }
    }

    private static int checkStatus(int status) {
      if (status < 200 || status > 599) {
        throw new IllegalArgumentException("status out of range 200..599: " + status);
      }
      return status;
    }
  }
}
