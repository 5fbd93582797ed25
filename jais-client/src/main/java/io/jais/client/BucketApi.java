package io.jais.client;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.jais.api.ActMsg;
import io.jais.api.Action;
import io.jais.api.ApiPath;
import io.jais.api.Header;
import io.jais.api.QueryParam;
import io.jais.api.bucket.Bucket;
import io.jais.api.bucket.BucketProps;
import io.jais.api.bucket.BucketSummary;
import io.jais.api.bucket.SummaryMsg;
import io.jais.api.bucket.Provider;
import io.jais.api.error.ErrorCode;
import io.jais.api.error.JaisException;
import io.jais.api.job.CopyBucketMsg;
import io.jais.api.job.CopyObjectsMsg;
import io.jais.api.job.DeleteObjectsMsg;
import io.jais.api.json.WireJson;
import io.jais.api.msgpack.ListObjectsCodec;
import io.jais.api.object.ListFlags;
import io.jais.api.object.ListObjectsMsg;
import io.jais.api.object.ListObjectsPage;
import io.jais.api.object.ObjectEntry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Buckets and their listings (docs/native-api.md#buckets, docs/native-api.md#listing-objects): {@code
 * /v1/buckets[/{name}]} on the endpoint, never
 * redirected. Obtain it from {@link JaisClient#buckets()}. Thread-safe.
 *
 * <p>Every method throws {@link JaisException} for any failure: the server's error (its
 * {@link ErrorCode}, e.g. {@code BUCKET_NOT_FOUND}, {@code BUCKET_EXISTS}, {@code INVALID_NAME},
 * and its message) or {@link ErrorCode#UNAVAILABLE} when the cluster cannot be reached. No
 * argument may be null.
 */
public final class BucketApi {
  private static final TypeReference<List<Bucket>> BUCKET_LIST = new TypeReference<>() {};

  private final Transport transport;

  BucketApi(Transport transport) {
    this.transport = transport;
  }

  /** Returns the buckets of a provider the cluster knows, in the server's order; never null. */
  public List<Bucket> list(Provider provider) {
    Call call = Call.of("GET", ApiPath.BUCKETS)
        .query(QueryParam.PROVIDER, provider.wireName())
        .action(ActMsg.of(Action.LIST));
    List<Bucket> buckets = transport.send(call).json(BUCKET_LIST);
    return buckets == null ? List.of() : List.copyOf(buckets);
  }

  /** Creates an {@code ais} bucket with the cluster's default properties ({@code BUCKET_EXISTS} if present). */
  public void create(Bucket bucket) {
    send(Call.bucket("POST", bucket).action(ActMsg.of(Action.CREATE_BUCKET)));
  }

  /**
   * Creates a bucket whose properties start from the defaults overridden by {@code propsPatch}, a
   * partial {@link BucketProps} document (docs/native-api.md#buckets), e.g. {@code
   * {"mirror":{"enabled":true}}}.
   */
  public void create(Bucket bucket, JsonNode propsPatch) {
    send(Call.bucket("POST", bucket).action(ActMsg.of(Action.CREATE_BUCKET, propsPatch)));
  }

  /** Destroys a bucket with all its objects ({@code BUCKET_NOT_FOUND} if absent). */
  public void destroy(Bucket bucket) {
    send(Call.bucket("DELETE", bucket).action(ActMsg.of(Action.DESTROY_BUCKET)));
  }

  /** Returns whether the bucket exists; other failures than "not found" are thrown. */
  public boolean exists(Bucket bucket) {
    try {
      send(Call.bucket("HEAD", bucket));
      return true;
    } catch (JaisException e) {
      if (e.status() == 404) {
        return false;
      }
      throw e;
    }
  }

  /** Returns the bucket's properties, from the {@code Ais-Bucket-Props} header of a HEAD. */
  public BucketProps props(Bucket bucket) {
    try (Reply reply = transport.send(Call.bucket("HEAD", bucket))) {
      String json = reply.header(Header.BUCKET_PROPS).orElseThrow(() -> new JaisException(ErrorCode.INTERNAL,
          "HEAD " + bucket.uri() + ": the reply has no " + Header.BUCKET_PROPS + " header"));
      try {
        return WireJson.MAPPER.readValue(json, BucketProps.class);
      } catch (IOException e) {
        throw reply.invalid(Header.BUCKET_PROPS, e);
      }
    }
  }

  /**
   * Changes some properties: {@code patch} is a partial {@link BucketProps} document
   * (docs/native-api.md#buckets).
   */
  public void setProps(Bucket bucket, JsonNode patch) {
    send(Call.bucket("PATCH", bucket).action(ActMsg.of(Action.SET_BUCKET_PROPS, patch)));
  }

  /** Resets every property to the cluster's defaults. */
  public void resetProps(Bucket bucket) {
    send(Call.bucket("PATCH", bucket).action(ActMsg.of(Action.RESET_BUCKET_PROPS)));
  }

  /**
   * Deletes a list, a range or a prefix of the bucket's objects ({@code delete-listrange}): starts
   * the job and returns its ID; wait for it with {@link JobApi#await}. An empty selection deletes
   * every object of the bucket.
   *
   * @throws JaisException {@code INVALID_ARGUMENT} for a malformed template or selection
   */
  public String deleteObjects(Bucket bucket, DeleteObjectsMsg message) {
    Call call = Call.bucket("DELETE", bucket).action(ActMsg.of(Action.DELETE_OBJECTS, WireJson.MAPPER.valueToTree(message)));
    return jobId(call);
  }

  /**
   * Copies a list, a range or a prefix of the bucket's objects to {@code message.destination()}
   * ({@code copy-listrange}; the destination is created with this bucket's properties if it does
   * not exist): starts the job and returns its ID. It is a demand job: it goes idle when done,
   * which {@link JobApi#await} waits for.
   */
  public String copyObjects(Bucket bucket, CopyObjectsMsg message) {
    Call call = Call.bucket("POST", bucket).action(ActMsg.of(Action.COPY_OBJECTS, WireJson.MAPPER.valueToTree(message)));
    return jobId(call);
  }

  /**
   * Keeps {@code copies} copies of each of the bucket's objects, each on another mountpath of its
   * target ({@code make-n-copies}; sets the bucket's {@code mirror} properties accordingly, 1
   * disables mirroring and drops the extra copies): starts the job and returns its ID.
   *
   * @throws JaisException {@code INVALID_ARGUMENT} when {@code copies} is out of range or exceeds
   *     a target's mountpaths
   */
  public String makeNCopies(Bucket bucket, int copies) {
    Call call = Call.bucket("POST", bucket).action(ActMsg.of(Action.MAKE_N_COPIES, WireJson.MAPPER.valueToTree(copies)));
    return jobId(call);
  }

  /**
   * Copies the whole bucket, or its objects under {@code message.prefix()}, to {@code destination}
   * ({@code copy-bck}; created with this bucket's properties if it does not exist, unless it is a
   * dry run): starts the job and returns its ID; wait for it with {@link JobApi#await}.
   */
  public String copyBucket(Bucket bucket, Bucket destination, CopyBucketMsg message) {
    Call call = Call.bucket("POST", bucket).query(QueryParam.BUCKET_TO, destination.uname())
        .action(ActMsg.of(Action.COPY_BUCKET, WireJson.MAPPER.valueToTree(message)));
    return jobId(call);
  }

  /**
   * Renames the bucket ({@code move-bck}): {@code destination} must not exist; every object moves
   * there and the bucket goes away when the job is done. Returns the job's ID.
   *
   * @throws JaisException {@code BUCKET_EXISTS} when the destination exists
   */
  public String rename(Bucket bucket, Bucket destination) {
    Call call = Call.bucket("POST", bucket).query(QueryParam.BUCKET_TO, destination.uname())
        .action(ActMsg.of(Action.MOVE_BUCKET));
    return jobId(call);
  }

  private String jobId(Call call) {
    return new String(transport.send(call).bytes(), StandardCharsets.UTF_8).replace("\"", "").strip();
  }

  /**
   * Summarizes the bucket's objects under {@code prefix} (empty for all): starts the asynchronous
   * {@code summary-bck} job (docs/native-api.md#summary-and-info) and polls it, from 50 ms growing to 1
   * s, until it is done.
   *
   * @throws JaisException {@code UNAVAILABLE} when it has not finished within {@code timeout}
   */
  public BucketSummary summary(Bucket bucket, String prefix, Duration timeout) {
    String id = summaryCall(bucket, new SummaryMsg("", prefix, true, true, false)).body().replace("\"", "").strip();
    long deadline = System.nanoTime() + timeout.toNanos();
    long pollMillis = 50;
    while (true) {
      SummaryReply reply = summaryCall(bucket, new SummaryMsg(id, prefix, true, true, false));
      if (reply.status() == 200) {
        List<BucketSummary> results = parseSummaries(reply.body());
        if (results.isEmpty()) {
          throw new JaisException(ErrorCode.INTERNAL, "summary of " + bucket.uri() + ": the final reply is empty");
        }
        return results.getFirst();
      }
      if (System.nanoTime() - deadline > 0) {
        throw new JaisException(ErrorCode.UNAVAILABLE,
            "summary of " + bucket.uri() + " (job " + id + ") did not finish within " + timeout.toSeconds() + " s");
      }
      try {
        Thread.sleep(pollMillis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new JaisException(ErrorCode.UNAVAILABLE, "interrupted while summarizing " + bucket.uri(), e);
      }
      pollMillis = Math.min(pollMillis * 2, 1000);
    }
  }

  private record SummaryReply(int status, String body) {}

  private SummaryReply summaryCall(Bucket bucket, SummaryMsg message) {
    Call call = Call.bucket("GET", bucket)
        .action(ActMsg.of(Action.SUMMARY_BUCKET, WireJson.MAPPER.valueToTree(message)));
    Reply reply = transport.send(call);
    return new SummaryReply(reply.status(), new String(reply.bytes(), StandardCharsets.UTF_8));
  }

  private static List<BucketSummary> parseSummaries(String json) {
    try {
      List<BucketSummary> results = WireJson.MAPPER.readValue(json, new TypeReference<List<BucketSummary>>() {});
      return results == null ? List.of() : results;
    } catch (IOException e) {
      throw new JaisException(ErrorCode.INTERNAL, "invalid bucket summary in the reply: " + e.getMessage(), e);
    }
  }

  /**
   * Returns one page of a listing (docs/native-api.md#listing-objects). For the first page pass an empty
   * {@code uuid} and
   * token; for the next, {@code message.withPage(page.uuid(), page.continuationToken())}. The
   * listing is over when the returned token is empty.
   */
  public ListObjectsPage listPage(Bucket bucket, ListObjectsMsg message) {
    Call call = Call.bucket("GET", bucket)
        .header("Accept", ListObjectsCodec.CONTENT_TYPE)
        .action(ActMsg.of(Action.LIST, WireJson.MAPPER.valueToTree(message)));
    Reply reply = transport.send(call);
    byte[] body = reply.bytes();
    try {
      return ListObjectsCodec.decode(body);
    } catch (RuntimeException e) {
      String type = reply.header("Content-Type").orElse("none");
      throw reply.invalid("list-objects page (Content-Type: " + type + ")", e);
    }
  }

  /**
   * Returns every object whose name starts with {@code prefix} (empty for all), in name order,
   * with the server's default properties. Pages are fetched lazily as the stream is consumed;
   * a failure while fetching is thrown from the stream's terminal operation.
   */
  public Stream<ObjectEntry> list(Bucket bucket, String prefix) {
    return list(bucket, ListObjectsMsg.of(prefix, 0));
  }

  /**
   * Returns every entry of a listing described by {@code message} (prefix, page size, props,
   * flags, start-after), following continuation tokens within one listing session.
   */
  public Stream<ObjectEntry> list(Bucket bucket, ListObjectsMsg message) {
    Iterator<ObjectEntry> entries = new Pages(bucket, message);
    return StreamSupport.stream(
        Spliterators.spliteratorUnknownSize(entries, Spliterator.ORDERED | Spliterator.NONNULL), false);
  }

  /** Returns the names of all objects starting with {@code prefix}, in name order. */
  public List<String> listNames(Bucket bucket, String prefix) {
    ListObjectsMsg message = ListObjectsMsg.of(prefix, 0).withProps("name").withFlags(ListFlags.NAME_ONLY);
    try (Stream<ObjectEntry> entries = list(bucket, message)) {
      return entries.map(ObjectEntry::name).toList();
    }
  }

  private void send(Call call) {
    transport.send(call).discard();
  }

  /**
   * Walks the pages of one listing session (docs/native-api.md#listing-objects). Not thread-safe, like
   * any iterator.
   */
  private final class Pages implements Iterator<ObjectEntry> {
    private final Bucket bucket;
    private ListObjectsMsg next;
    private Iterator<ObjectEntry> current = Collections.emptyIterator();
    private boolean last;

    Pages(Bucket bucket, ListObjectsMsg first) {
      this.bucket = Objects.requireNonNull(bucket, "bucket");
      this.next = first;
    }

    @Override
    public boolean hasNext() {
      while (!current.hasNext() && !last) {
        fetch();
      }
      return current.hasNext();
    }

    @Override
    public ObjectEntry next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      return current.next();
    }

    private void fetch() {
      ListObjectsPage page = listPage(bucket, next);
      current = page.entries().iterator();
      String token = page.continuationToken();
      if (token.isEmpty()) {
        last = true;
      } else if (token.equals(next.continuationToken())) {
        throw new JaisException(ErrorCode.INTERNAL, "listing " + bucket.uri() + ": the server returned the"
            + " same continuation token \"" + token + "\" twice; stopping instead of looping");
      } else {
        next = next.withPage(page.uuid(), token);
      }
    }
  }
}
