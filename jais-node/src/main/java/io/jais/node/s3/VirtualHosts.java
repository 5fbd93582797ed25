package io.jais.node.s3;

import io.jais.node.http.RouteTable;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Virtual-hosted-style addressing on a proxy: a request whose {@code Host} is {@code
 * <bucket>.<domain>[:port]}, for a configured domain ({@link S3Options#domains()}), names the bucket
 * there and the key in its whole path, as S3 and MinIO do, which is rewritten to the path-style
 * route {@code /s3/<bucket>/<key>} before routing. So a virtual-hosted endpoint has no path: an SDK
 * given {@code http://localhost:8080/s3} would send {@code /s3/<key>}, naming the key {@code
 * s3/<key>}; the {@code /s3} endpoint is for path-style. A request to the bare domain's root
 * ({@code GET /}) is ListBuckets. IP addresses are never virtual hosts. Signatures are verified over the request as
 * sent ({@link io.jais.node.http.Request#sentUri()} and the unchanged {@code Host}).
 */
final class VirtualHosts implements RouteTable.TargetRewriter {
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

  private final List<String> domains;

  /** @param domains lower-case DNS domains; the longest match wins, so {@code s3.localhost} beats {@code localhost} */
  VirtualHosts(List<String> domains) {
    this.domains = domains.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList();
  }

  @Override
  public String rewrite(String host, String uri) {
    if (host == null || domains.isEmpty() || !uri.startsWith("/")) {
      return null;
    }
    String name = hostName(host);
    String domain = name == null ? null : domainOf(name);
    // the regex only for a name under a domain: every request of the native API asks this too
    if (domain == null || IPV4.matcher(name).matches()) {
      return null;
    }
    if (name.length() == domain.length()) {
      return uri.equals("/") || uri.startsWith("/?") ? S3Routes.ROOT + uri.substring(1) : null;
    }
    String bucket = name.substring(0, name.length() - domain.length() - 1);
    return S3Routes.ROOT + "/" + bucket + relative(uri);
  }

  /** The first (longest) domain that is {@code name} or a parent of it; null when none is. */
  private String domainOf(String name) {
    for (String domain : domains) {
      if (name.equals(domain)) {
        return domain;
      }
      if (name.length() > domain.length() + 1 && name.endsWith(domain)
          && name.charAt(name.length() - domain.length() - 1) == '.') {
        return domain;
      }
    }
    return null;
  }

  /** The key and query: the whole path is the key, as in S3 (a bare {@code /} names the bucket). */
  private static String relative(String uri) {
    return uri.equals("/") || uri.startsWith("/?") ? uri.substring(1) : uri;
  }

  /** The host name without the port, lower-case; null for an IPv6 literal. */
  private static String hostName(String host) {
    String value = host.strip();
    if (value.startsWith("[")) {
      return null;
    }
    int colon = value.lastIndexOf(':');
    if (colon >= 0) {
      value = value.substring(0, colon);
    }
    if (value.endsWith(".")) {
      value = value.substring(0, value.length() - 1);
    }
    return value.toLowerCase(Locale.ROOT);
  }
}
