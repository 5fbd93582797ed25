package io.jais.node.archive;

import io.jais.api.ApiPath;
import io.jais.api.batch.MossIn;
import io.jais.api.bucket.Bucket;
import io.jais.api.cluster.Snode;
import io.jais.api.error.ErrorBody;
import io.jais.api.error.ErrorCode;
import io.jais.api.error.JaisException;
import io.jais.api.json.WireJson;
import io.jais.node.cluster.IntraClient;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Entries another target owns (get-batch items, archive job sources), asked of it over authenticated intra-cluster HTTP
 * ({@value #PATH}/{@code <bucket>}); it answers the entry's bytes (zero-copy for objects and
 * their ranges) with their length, and its errors in AIS's error format, which become the same
 * {@link JaisException} here. The body is consumed as it arrives: the HTTP client buffers only a
 * few chunks ahead of the reader.
 */
public final class PeerEntries {
  public static final String PATH = ApiPath.TARGET_GET_BATCH;
  public static final String MTIME_HEADER = "Jais-Entry-Mtime";
  private static final Duration TIMEOUT = Duration.ofMinutes(5);

  private final IntraClient intra;

  public PeerEntries(IntraClient intra) {
    this.intra = intra;
  }

  public OpenEntry open(Snode owner, String xid, MossIn in, Bucket bucket) throws IOException, InterruptedException {
    URI uri = URI.create(IntraClient.bucketUrl(owner, PATH, bucket));
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(TIMEOUT)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(WireJson.toBytes(new PeerEntryRequest(xid, in))));
    HttpResponse<InputStream> response = intra.send(request, HttpResponse.BodyHandlers.ofInputStream());
    InputStream body = response.body();
    if (response.statusCode() != 200) {
      try (body) {
        throw error(owner, response.statusCode(), body.readAllBytes());
      }
    }
    long size = response.headers().firstValueAsLong("Content-Length").orElse(-1);
    if (size < 0) {
      body.close();
      throw new IOException("get-batch: " + owner.displayName() + " answered an entry without Content-Length");
    }
    long mtime = response.headers().firstValueAsLong(MTIME_HEADER).orElse(System.currentTimeMillis());
    return new OpenEntry(size, mtime, body, true, body);
  }

  private static JaisException error(Snode owner, int status, byte[] body) {
    try {
      ErrorBody error = WireJson.parse(body, ErrorBody.class);
      ErrorCode code = ErrorCode.of(status, error.tcode());
      return new JaisException(code == ErrorCode.NOT_FOUND && error.message().contains("ais://") ? ErrorCode.OBJECT_NOT_FOUND
          : code, error.message());
    } catch (JaisException notJson) {
      return new JaisException(ErrorCode.of(status, ""), "get-batch: " + owner.displayName() + " answered " + status
          + ": " + new String(body, java.nio.charset.StandardCharsets.UTF_8));
    }
  }
}
