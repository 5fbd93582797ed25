package io.jais.node.s3;

import io.jais.api.bucket.Bucket;
import io.jais.api.object.ListFlags;
import io.jais.api.object.ListObjectsMsg;
import io.jais.api.object.ListObjectsPage;
import io.jais.api.object.ObjectEntry;
import io.jais.node.http.Request;
import io.jais.node.http.Response;
import io.jais.node.proxy.ObjectLister;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * ListObjects (V1) and ListObjectsV2 on the native list-objects fan-out ({@link ObjectLister}):
 * pages are fetched in name order from a cursor (marker, start-after or the continuation token,
 * which is the last name returned); delimiter "/" uses the native non-recursive listing, whose
 * directory entries are exactly the CommonPrefixes; other delimiters fold keys here.
 */
final class ListObjectsOp {
  static final int DEFAULT_MAX_KEYS = 1000;
  private static final DateTimeFormatter ATIME =
      DateTimeFormatter.ofPattern("dd MMM yy HH:mm 'UTC'", Locale.US);

  /** One key or common prefix of the answer, in name order. */
  private record Item(String name, ObjectEntry entry) {}

  private final ObjectLister lister;
  private final Request request;
  private final Bucket bucket;
  private final boolean v2;
  private final String prefix;
  private final String delimiter;
  private final int maxKeys;
  private final boolean urlEncoding;

  ListObjectsOp(ObjectLister lister, Request request, Bucket bucket) {
    this.lister = lister;
    this.request = request;
    this.bucket = bucket;
    this.v2 = "2".equals(request.query("list-type"));
    this.prefix = request.query("prefix", "");
    this.delimiter = request.query("delimiter", "");
    this.maxKeys = maxKeys(request.query("max-keys"));
    String encoding = request.query("encoding-type");
    if (encoding != null && !encoding.equals("url")) {
      throw new S3Exception(S3Error.INVALID_ARGUMENT, "Invalid Encoding Method specified in Request: " + encoding);
    }
    this.urlEncoding = encoding != null;
  }

  static int maxKeys(String value) {
    if (value == null) {
      return DEFAULT_MAX_KEYS;
    }
    try {
      int max = Integer.parseInt(value);
      if (max >= 0) {
        return Math.min(max, DEFAULT_MAX_KEYS);
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new S3Exception(S3Error.INVALID_ARGUMENT, "max-keys must be a non-negative integer (got \"" + value + "\")");
  }

  Response run() throws Exception {
    String start = start();
    // max-keys=0 asks for no keys (S3 answers an empty, untruncated page): nothing to list
    List<Item> items = maxKeys == 0 ? List.of() : collect(start, maxKeys + 1);
    boolean truncated = items.size() > maxKeys;
    List<Item> page = truncated ? items.subList(0, maxKeys) : items;
    String root = "ListBucketResult"; // the same root element for V1 and V2
    XmlWriter xml = new XmlWriter().root(root).element("Name", bucket.name()).element("Prefix", encode(prefix));
    if (v2) {
      xml.optional("StartAfter", encode(request.query("start-after")));
      String continuation = request.query("continuation-token");
      if (continuation != null) {
        xml.element("ContinuationToken", continuation); // echoed as given, even empty (S3 does)
      }
      xml.element("KeyCount", page.size());
      if (truncated) {
        xml.element("NextContinuationToken", token(page.get(page.size() - 1).name()));
      }
    } else {
      xml.element("Marker", encode(request.query("marker", "")));
      if (truncated && !delimiter.isEmpty()) {
        xml.element("NextMarker", encode(page.get(page.size() - 1).name()));
      }
    }
    xml.element("MaxKeys", maxKeys).optional("Delimiter", encode(delimiter)).optional("EncodingType",
        urlEncoding ? "url" : null).element("IsTruncated", truncated);
    boolean owner = !v2 || request.queryBool("fetch-owner", false);
    for (Item item : page) {
      if (item.entry() != null) {
        contents(xml, item.entry(), owner);
      }
    }
    for (Item item : page) {
      if (item.entry() == null) {
        xml.open("CommonPrefixes").element("Prefix", encode(item.name())).close("CommonPrefixes");
      }
    }
    return xml.close(root).response();
  }

  private String start() {
    if (!v2) {
      return request.query("marker", "");
    }
    String token = request.query("continuation-token");
    if (token != null) {
      try {
        return new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        throw new S3Exception(S3Error.INVALID_ARGUMENT, "The continuation token provided is incorrect");
      }
    }
    return request.query("start-after", "");
  }

  private static String token(String name) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(name.getBytes(StandardCharsets.UTF_8));
  }

  /** Up to {@code limit} keys and common prefixes after {@code start}, in name order. */
  private List<Item> collect(String start, int limit) throws Exception {
    List<Item> items = new ArrayList<>();
    boolean nonRecursive = delimiter.equals("/");
    String cursor = start;
    while (items.size() < limit) {
      int pageSize = Math.max(limit - items.size(), 100);
      ListObjectsMsg msg = new ListObjectsMsg(prefix, pageSize, "", "size,atime,custom,checksum,version", "",
          nonRecursive ? ListFlags.NO_RECURSION : 0, "", cursor);
      ListObjectsPage listed = lister.list(bucket, msg);
      for (ObjectEntry entry : listed.entries()) {
        if (items.size() >= limit) {
          break;
        }
        add(items, entry);
      }
      if (listed.entries().isEmpty() || listed.continuationToken().isEmpty()) {
        break;
      }
      cursor = listed.entries().get(listed.entries().size() - 1).name();
    }
    return items;
  }

  private void add(List<Item> items, ObjectEntry entry) {
    String name = entry.name();
    if (entry.isDir()) {
      if (!name.equals(prefix)) {
        items.add(new Item(name, null));
      }
      return;
    }
    if (!delimiter.isEmpty()) {
      int at = name.indexOf(delimiter, prefix.length());
      if (at >= 0) {
        String common = name.substring(0, at + delimiter.length());
        if (items.isEmpty() || !items.get(items.size() - 1).name().equals(common)) {
          items.add(new Item(common, null));
        }
        return;
      }
    }
    items.add(new Item(name, entry));
  }

  private void contents(XmlWriter xml, ObjectEntry entry, boolean owner) {
    xml.open("Contents").element("Key", encode(entry.name()))
        .element("LastModified", lastModified(entry))
        .element("ETag", "\"" + etag(entry) + "\"")
        .element("Size", entry.size());
    if (owner) {
      xml.open("Owner").element("ID", S3BucketHandler.OWNER_ID).element("DisplayName", S3BucketHandler.OWNER_ID)
          .close("Owner");
    }
    xml.element("StorageClass", "STANDARD").close("Contents");
  }

  /** The ETag out of the listing's custom metadata ({@code [k1:v1 ETag:hex ...]}), else the checksum. */
  private static String etag(ObjectEntry entry) {
    String etag = customValue(entry.custom(), S3Metadata.ETAG);
    return etag != null ? etag : entry.checksum();
  }

  /** The stored commit time; objects written natively have only the minute-resolution atime. */
  private static String lastModified(ObjectEntry entry) {
    String stored = customValue(entry.custom(), S3Metadata.LAST_MODIFIED);
    if (stored != null) {
      return stored;
    }
    try {
      return S3Params.ISO.format(LocalDateTime.parse(entry.atime(), ATIME).toInstant(ZoneOffset.UTC));
    } catch (RuntimeException e) {
      return S3Params.ISO.format(java.time.Instant.EPOCH);
    }
  }

  /** A value without spaces out of AIS's {@code [k1:v1 k2:v2]} rendering, or null. */
  private static String customValue(String custom, String key) {
    String marker = key + ":";
    int at = custom.indexOf(marker);
    while (at > 0 && custom.charAt(at - 1) != '[' && custom.charAt(at - 1) != ' ') {
      at = custom.indexOf(marker, at + 1);
    }
    if (at < 0) {
      return null;
    }
    int end = at + marker.length();
    while (end < custom.length() && custom.charAt(end) != ' ' && custom.charAt(end) != ']') {
      end++;
    }
    return custom.substring(at + marker.length(), end);
  }

  private String encode(String value) {
    if (value == null || !urlEncoding) {
      return value;
    }
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20").replace("%2F", "/");
  }
}
