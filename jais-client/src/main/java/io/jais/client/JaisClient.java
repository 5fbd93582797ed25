package io.jais.client;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * The entry point of the SDK: a client for one JAIS or AIStore cluster, reached through one
 * endpoint (usually a proxy), e.g.
 *
 * <pre>{@code
 * try (JaisClient client = JaisClient.create("http://localhost:8080")) {
 *   client.buckets().create(Bucket.ais("data"));
 *   client.objects().put(Bucket.ais("data"), "a/b.txt", bytes);
 * }
 * }</pre>
 *
 * <p>Thread-safe: share one instance; it pools connections. Failures surface as unchecked
 * {@link io.jais.api.error.JaisException}s whose {@link io.jais.api.error.ErrorCode} is the
 * server's, or {@code UNAVAILABLE} when a node cannot be reached. The client does not retry.
 */
public final class JaisClient implements AutoCloseable {
  /** Default time to establish a connection (as the AIS Python SDK). */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(3);
  /** Default time to wait for a response's headers. */
  public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(60);
  /** Default number of redirects followed per call (one is normal: proxy to target). */
  public static final int DEFAULT_MAX_REDIRECTS = 5;

  private final Transport transport;
  private final BucketApi buckets;
  private final ObjectApi objects;
  private final ClusterApi cluster;
  private final JobApi jobs;

  private JaisClient(Builder builder) {
    this.transport = new Transport(builder.endpoint, builder.connectTimeout, builder.readTimeout, builder.token,
        builder.maxRedirects);
    this.buckets = new BucketApi(transport);
    this.objects = new ObjectApi(transport);
    this.cluster = new ClusterApi(transport);
    this.jobs = new JobApi(transport);
  }

  /**
   * Returns a client with default settings.
   *
   * @param endpoint {@code http[s]://host:port}; a path ending in {@code /} is kept as a prefix
   *     of {@code /v1} (as in the Python SDK)
   * @throws IllegalArgumentException if the endpoint is not an http(s) URL with a host
   */
  public static JaisClient create(String endpoint) {
    return builder(endpoint).build();
  }

  /** Returns a builder for a client of this endpoint; see {@link #create}. */
  public static Builder builder(String endpoint) {
    return new Builder(endpoint);
  }

  /** Returns the bucket API; the same instance on every call. */
  public BucketApi buckets() {
    return buckets;
  }

  /** Returns the object API; the same instance on every call. */
  public ObjectApi objects() {
    return objects;
  }

  /** Returns the cluster API; the same instance on every call. */
  public ClusterApi cluster() {
    return cluster;
  }

  /** Returns the job API; the same instance on every call. */
  public JobApi jobs() {
    return jobs;
  }

  /** Returns the endpoint this client sends requests to. */
  public URI endpoint() {
    return transport.endpoint();
  }

  /** Releases the connections, waiting for calls in flight; later calls fail. Idempotent. */
  @Override
  public void close() {
    transport.close();
  }

  /** Settings of a {@link JaisClient}. Not thread-safe; build once, share the client. */
  public static final class Builder {
    private final URI endpoint;
    private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
    private Duration readTimeout = DEFAULT_READ_TIMEOUT;
    private String token;
    private int maxRedirects = DEFAULT_MAX_REDIRECTS;

    private Builder(String endpoint) {
      this.endpoint = parseEndpoint(endpoint);
    }

    /** Sets the time to establish a connection (default 3 s); must be positive. */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = positive(timeout, "connect timeout");
      return this;
    }

    /**
     * Sets the time to wait for a response's headers (default 60 s); must be positive. Not applied
     * to uploads of files and streams, whose duration depends on their size.
     */
    public Builder readTimeout(Duration timeout) {
      this.readTimeout = positive(timeout, "read timeout");
      return this;
    }

    /**
     * Sends {@code Authorization: Bearer <token>} with every request; null or empty for none. The
     * token is not forwarded when a redirect leads to another host.
     */
    public Builder token(String bearerToken) {
      this.token = bearerToken == null || bearerToken.isEmpty() ? null : bearerToken;
      return this;
    }

    /** Sets how many redirects a call may follow (default 5); 0 makes every redirect an error. */
    public Builder maxRedirects(int count) {
      if (count < 0) {
        throw new IllegalArgumentException("max redirects " + count + " (expected: >= 0)");
      }
      this.maxRedirects = count;
      return this;
    }

    /** Returns a new client; the builder may be reused. */
    public JaisClient build() {
      return new JaisClient(this);
    }

    private static Duration positive(Duration timeout, String what) {
      Objects.requireNonNull(timeout, what);
      if (timeout.isZero() || timeout.isNegative()) {
        throw new IllegalArgumentException(what + " " + timeout + " (expected: positive)");
      }
      return timeout;
    }

    private static URI parseEndpoint(String endpoint) {
      Objects.requireNonNull(endpoint, "endpoint");
      URI uri;
      try {
        uri = new URI(endpoint.strip());
      } catch (java.net.URISyntaxException e) {
        throw new IllegalArgumentException("invalid endpoint \"" + endpoint + "\" (expected: http://host:port)", e);
      }
      String scheme = uri.getScheme();
      if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
          || uri.getHost() == null) {
        throw new IllegalArgumentException("invalid endpoint \"" + endpoint + "\" (expected: http://host:port)");
      }
      return uri;
    }
  }
}
