package io.jais.node.s3;

import io.jais.node.http.Request;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Verifies AWS Signature V4 on the proxy, where the request arrives exactly as the client signed it
 * (path, query, Host; the path as sent, also for virtual-hosted-style requests): the {@code Authorization} header form and the presigned-URL form
 * ({@code X-Amz-Signature} in the query). The body hash is taken as the client declared it; {@link
 * Md5Source} checks a declared SHA-256 against the body and {@link ChunkSignatures} checks the
 * signatures of aws-chunked bodies on the target.
 */
final class SigV4Verifier {
  static final Duration MAX_SKEW = Duration.ofMinutes(15);
  private static final DateTimeFormatter AMZ_DATE =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  /** What a verified signature leaves for the body: the key and the chain's seed. */
  record Context(byte[] signingKey, String amzDate, String scope, String seedSignature) {}

  /** The parts of a SigV4 credential and signature, from the header or the query. */
  record Parsed(String accessKey, String date, String region, String service, List<String> signedHeaders,
      String signature, String amzDate) {
    String scope() {
      return date + "/" + region + "/" + service + "/aws4_request";
    }
  }

  private final Map<String, String> keys;

  SigV4Verifier(Map<String, String> keys) {
    this.keys = keys;
  }

  /** Throws the S3 error when the request is not signed by a configured key; no-op without keys. */
  void verify(Request request) {
    if (keys.isEmpty()) {
      return;
    }
    if (request.query("Signature") != null && request.query("AWSAccessKeyId") != null) {
      verifyV2Query(request);
      return;
    }
    boolean presigned = request.query("X-Amz-Signature") != null;
    Parsed parsed = presigned ? fromQuery(request) : fromHeader(request.header("Authorization"),
        request.header("x-amz-date"));
    checkTime(request, parsed, presigned);
    String payload = presigned ? "UNSIGNED-PAYLOAD" : request.header("x-amz-content-sha256");
    if (payload == null) {
      throw new S3Exception(S3Error.INVALID_REQUEST, "Missing required header for this request: x-amz-content-sha256");
    }
    byte[] key = signingKey(parsed);
    String sent = request.sentUri();
    if (signs(key, parsed, canonicalRequest(request, sent, null, parsed.signedHeaders(), payload))) {
      return;
    }
    // s3cmd has no endpoint path: configured with host_base HOST/s3 it signs Host "HOST/s3" and the
    // path without /s3 (the same request, only cut elsewhere)
    String root = S3Routes.ROOT + "/";
    String host = request.header("Host");
    if (sent.startsWith(root) && host != null && parsed.signedHeaders().contains("host")
        && signs(key, parsed, canonicalRequest(request, sent.substring(S3Routes.ROOT.length()),
            host + S3Routes.ROOT, parsed.signedHeaders(), payload))) {
      return;
    }
    throw new S3Exception(S3Error.SIGNATURE_DOES_NOT_MATCH, null);
  }

  private static boolean signs(byte[] key, Parsed parsed, String canonical) {
    String stringToSign = SigV4.ALGORITHM + "\n" + parsed.amzDate() + "\n" + parsed.scope() + "\n"
        + SigV4.sha256Hex(canonical);
    return SigV4.equal(SigV4.sign(key, stringToSign), parsed.signature());
  }

  /** Sub-resources that are part of a Signature V2 canonical resource, in sort order. */
  private static final List<String> V2_SUBRESOURCES = List.of("acl", "delete", "location", "partNumber", "policy",
      "response-cache-control", "response-content-disposition", "response-content-encoding",
      "response-content-language", "response-content-type", "response-expires", "tagging", "uploadId", "uploads",
      "versionId", "versioning", "versions");

  /**
   * A Signature V2 presigned URL ({@code AWSAccessKeyId}, {@code Expires}, {@code Signature}): what
   * {@code aws s3 presign} produces unless told to use V4. Only this query form of V2 is accepted.
   */
  private void verifyV2Query(Request request) {
    String secret = keys.get(request.query("AWSAccessKeyId"));
    if (secret == null) {
      throw new S3Exception(S3Error.INVALID_ACCESS_KEY_ID, null);
    }
    long expires;
    try {
      expires = Long.parseLong(request.query("Expires", ""));
    } catch (NumberFormatException e) {
      throw new S3Exception(S3Error.ACCESS_DENIED, "Expires must be a Unix time in seconds");
    }
    if (Instant.now().getEpochSecond() > expires) {
      throw new S3Exception(S3Error.ACCESS_DENIED, "Request has expired");
    }
    // botocore signs the bucket-relative path ("/bucket/key"), without the endpoint's "/s3" prefix
    String path = request.path().startsWith(S3Routes.ROOT + "/") ? request.path().substring(S3Routes.ROOT.length())
        : request.path();
    StringBuilder resource = new StringBuilder(path);
    char separator = '?';
    for (String name : V2_SUBRESOURCES) {
      String value = request.query(name);
      if (value != null) {
        resource.append(separator).append(name).append(value.isEmpty() ? "" : "=" + value);
        separator = '&';
      }
    }
    String md5 = request.header("Content-MD5") == null ? "" : request.header("Content-MD5");
    String type = request.header("Content-Type") == null ? "" : request.header("Content-Type");
    String stringToSign = request.method().name() + "\n" + md5 + "\n" + type + "\n" + expires + "\n" + resource;
    byte[] signature;
    try {
      javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA1");
      mac.init(new javax.crypto.spec.SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
      signature = mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException("every JDK has HmacSHA1", e);
    }
    if (!SigV4.equal(java.util.Base64.getEncoder().encodeToString(signature), request.query("Signature"))) {
      throw new S3Exception(S3Error.SIGNATURE_DOES_NOT_MATCH, null);
    }
  }

  /** The signing context of an already verified request (on the target, for chunk signatures). */
  Context context(Request request) {
    Parsed parsed = fromHeader(request.header("Authorization"), request.header("x-amz-date"));
    return new Context(signingKey(parsed), parsed.amzDate(), parsed.scope(), parsed.signature());
  }

  private byte[] signingKey(Parsed parsed) {
    String secret = keys.get(parsed.accessKey());
    if (secret == null) {
      throw new S3Exception(S3Error.INVALID_ACCESS_KEY_ID, null);
    }
    return SigV4.signingKey(secret, parsed.date(), parsed.region(), parsed.service());
  }

  static Parsed fromHeader(String authorization, String amzDate) {
    if (authorization == null) {
      throw new S3Exception(S3Error.ACCESS_DENIED, "Access Denied: the request is not signed");
    }
    if (!authorization.startsWith(SigV4.ALGORITHM + " ")) {
      throw new S3Exception(S3Error.AUTHORIZATION_HEADER_MALFORMED, "only " + SigV4.ALGORITHM + " is supported");
    }
    String credential = null;
    String signedHeaders = null;
    String signature = null;
    for (String part : authorization.substring(SigV4.ALGORITHM.length() + 1).split(",")) {
      String item = part.strip();
      if (item.startsWith("Credential=")) {
        credential = item.substring(11);
      } else if (item.startsWith("SignedHeaders=")) {
        signedHeaders = item.substring(14);
      } else if (item.startsWith("Signature=")) {
        signature = item.substring(10);
      }
    }
    return parsed(credential, signedHeaders, signature, amzDate);
  }

  private static Parsed fromQuery(Request request) {
    if (!SigV4.ALGORITHM.equals(request.query("X-Amz-Algorithm"))) {
      throw new S3Exception(S3Error.AUTHORIZATION_HEADER_MALFORMED, "X-Amz-Algorithm must be " + SigV4.ALGORITHM);
    }
    return parsed(request.query("X-Amz-Credential"), request.query("X-Amz-SignedHeaders"),
        request.query("X-Amz-Signature"), request.query("X-Amz-Date"));
  }

  private static Parsed parsed(String credential, String signedHeaders, String signature, String amzDate) {
    String[] scope = credential == null ? new String[0] : credential.split("/");
    if (scope.length != 5 || !"aws4_request".equals(scope[4]) || signedHeaders == null || signature == null
        || amzDate == null) {
      throw new S3Exception(S3Error.AUTHORIZATION_HEADER_MALFORMED, "incomplete SigV4 credential, signed headers,"
          + " signature or date");
    }
    return new Parsed(scope[0], scope[1], scope[2], scope[3], List.of(signedHeaders.split(";")), signature, amzDate);
  }

  private static void checkTime(Request request, Parsed parsed, boolean presigned) {
    Instant signedAt;
    try {
      signedAt = Instant.from(AMZ_DATE.parse(parsed.amzDate()));
    } catch (DateTimeParseException e) {
      throw new S3Exception(S3Error.AUTHORIZATION_HEADER_MALFORMED, "invalid date " + parsed.amzDate());
    }
    Instant now = Instant.now();
    if (presigned) {
      long expires = parseExpires(request.query("X-Amz-Expires"));
      if (now.isAfter(signedAt.plusSeconds(expires)) || signedAt.isAfter(now.plus(MAX_SKEW))) {
        throw new S3Exception(S3Error.ACCESS_DENIED, "Request has expired");
      }
    } else if (Duration.between(signedAt, now).abs().compareTo(MAX_SKEW) > 0) {
      throw new S3Exception(S3Error.REQUEST_TIME_TOO_SKEWED, null);
    }
  }

  private static long parseExpires(String value) {
    try {
      long seconds = Long.parseLong(value == null ? "" : value);
      if (seconds >= 1 && seconds <= 604_800) {
        return seconds;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new S3Exception(S3Error.AUTHORIZATION_HEADER_MALFORMED, "X-Amz-Expires must be 1..604800 seconds");
  }

  /**
   * The canonical request over {@code sent} (the URI as the client sent it: virtual-hosted-style
   * requests are routed by a rewritten path) with {@code host} for the Host header when not null.
   */
  static String canonicalRequest(Request request, String sent, String host, List<String> signedHeaders,
      String payload) {
    int query = sent.indexOf('?');
    StringBuilder canonical = new StringBuilder(512).append(request.method().name()).append('\n')
        .append(canonicalUri(query < 0 ? sent : sent.substring(0, query))).append('\n')
        .append(canonicalQuery(sent)).append('\n');
    for (String name : signedHeaders) {
      List<String> values = host != null && name.equals("host") ? List.of(host) : request.headers().getAll(name);
      List<String> trimmed = new ArrayList<>(values.size());
      for (String value : values) {
        trimmed.add(utf8(value).strip().replaceAll(" +", " "));
      }
      canonical.append(name).append(':').append(String.join(",", trimmed)).append('\n');
    }
    return canonical.append('\n').append(String.join(";", signedHeaders)).append('\n').append(payload).toString();
  }

  /** The path decoded once and re-encoded segment by segment, as S3 clients sign it. */
  private static String canonicalUri(String rawPath) {
    String[] segments = rawPath.split("/", -1);
    StringBuilder uri = new StringBuilder(rawPath.length() + 16);
    for (int i = 0; i < segments.length; i++) {
      if (i > 0) {
        uri.append('/');
      }
      uri.append(SigV4.uriEncode(decode(segments[i])));
    }
    return uri.isEmpty() ? "/" : uri.toString();
  }

  private static String canonicalQuery(String rawUri) {
    int q = rawUri.indexOf('?');
    if (q < 0) {
      return "";
    }
    List<String[]> pairs = new ArrayList<>();
    for (String pair : rawUri.substring(q + 1).split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      if (!name.equals("X-Amz-Signature")) {
        pairs.add(new String[] {SigV4.uriEncode(name), SigV4.uriEncode(value)});
      }
    }
    pairs.sort((a, b) -> a[0].equals(b[0]) ? a[1].compareTo(b[1]) : a[0].compareTo(b[0]));
    StringBuilder query = new StringBuilder();
    for (String[] pair : pairs) {
      query.append(query.isEmpty() ? "" : "&").append(pair[0]).append('=').append(pair[1]);
    }
    return query.toString();
  }

  /** Percent-decoding that keeps '+' (S3 clients encode spaces as %20); malformed input stays as sent. */
  private static String decode(String encoded) {
    try {
      return java.net.URLDecoder.decode(encoded.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return encoded;
    }
  }

  private static String utf8(String latin1) {
    return new String(latin1.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
  }
}
