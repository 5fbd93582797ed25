package io.jais.node.s3;

import io.jais.node.http.Request;
import java.util.List;

/**
 * S3 operations JAIS does not serve but that share a path and method with ones it does: a
 * sub-resource query ({@code ?tagging}, {@code ?policy}, ...), a {@code versionId}, a conditional
 * write. Served as the plain request they would do something else (PUT {@code ?tagging} would
 * overwrite the object with the tag XML, DELETE {@code ?policy} would delete the bucket), so the
 * proxy refuses them before anything is read or relayed.
 */
final class UnsupportedRequests {
  private static final List<String> BUCKET_SUBRESOURCES = List.of("accelerate", "acl", "analytics", "cors",
      "encryption", "intelligent-tiering", "inventory", "lifecycle", "logging", "metadataTable", "metrics",
      "notification", "object-lock", "ownershipControls", "policy", "policyStatus", "publicAccessBlock",
      "replication", "requestPayment", "tagging", "versions", "website");
  /** Served on GET only; any other method with them is another (unsupported) operation. */
  private static final List<String> BUCKET_READ_ONLY = List.of("location", "versioning", "uploads");
  private static final List<String> OBJECT_SUBRESOURCES = List.of("acl", "attributes", "legal-hold",
      "renameObject", "restore", "retention", "select", "tagging", "torrent");
  private static final List<String> CONDITIONAL_WRITE = List.of("If-None-Match", "If-Match");

  private UnsupportedRequests() {}

  /** NotImplemented for a bucket request naming a sub-resource JAIS does not serve with its method. */
  static void refuseOnBucket(Request request) {
    refuseSubresource(request, "bucket", BUCKET_SUBRESOURCES);
    if (!"GET".equals(request.method().name())) {
      refuseSubresource(request, "bucket", BUCKET_READ_ONLY);
    }
  }

  /**
   * NotImplemented for an object sub-resource or a conditional write; InvalidArgument for a
   * {@code versionId} (JAIS has no versions; {@code null} names the only one, as on an unversioned S3 bucket).
   */
  static void refuseOnObject(Request request) {
    refuseSubresource(request, "object", OBJECT_SUBRESOURCES);
    String versionId = request.query("versionId");
    if (versionId != null && !"null".equals(versionId)) {
      throw new S3Exception(S3Error.INVALID_ARGUMENT, "Invalid version id specified: versioning is not enabled");
    }
    String method = request.method().name();
    boolean write = "PUT".equals(method) && request.query("uploadId") == null
        || "POST".equals(method) && request.query("uploadId") != null;
    for (String header : CONDITIONAL_WRITE) {
      if (write && request.header(header) != null) {
        throw new S3Exception(S3Error.NOT_IMPLEMENTED, "conditional writes (" + header + ") are not implemented");
      }
    }
  }

  private static void refuseSubresource(Request request, String what, List<String> names) {
    for (String name : names) {
      if (request.query(name) != null) {
        throw new S3Exception(S3Error.NOT_IMPLEMENTED,
            request.method().name() + " " + what + " sub-resource ?" + name + " is not implemented");
      }
    }
  }
}
