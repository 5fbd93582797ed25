package io.jais.node.http;

import io.jais.api.QueryParam;
import io.jais.api.bucket.Bucket;
import io.jais.api.bucket.Namespace;
import io.jais.api.bucket.Provider;

/**
 * Reads the bucket a native-API request is about: the {@code {bucket}} path segment plus the
 * {@code provider} and {@code namespace} query parameters (docs/native-api.md#buckets).
 */
public final class BucketParams {
  private BucketParams() {}

  /** The bucket named by the request; its name is validated (400 when invalid). */
  public static Bucket of(Request request) {
    return of(request, request.pathParam("bucket"));
  }

  public static Bucket of(Request request, String name) {
    Bucket bucket = new Bucket(name, Provider.parse(request.query(QueryParam.PROVIDER, "")),
        Namespace.parse(request.query(QueryParam.NAMESPACE, "")));
    return bucket.validate();
  }
}
