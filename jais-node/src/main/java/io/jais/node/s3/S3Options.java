package io.jais.node.s3;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How the S3 front door behaves on this node. Read from the node's environment (system property
 * first, then environment variable), the same on every node of a cluster.
 *
 * @param redirect answer object requests with a 307 to the owning target (its {@code /s3} routes)
 *     instead of relaying the bytes through the proxy. Only for clients that follow redirects on
 *     every method with the body (most S3 SDKs do not, so the default relays). {@value
 *     #REDIRECT_PROPERTY} / {@value #REDIRECT_ENV} = {@code true}.
 * @param keys access key ID → secret key. Empty: any signature (or none) is accepted. Otherwise
 *     every S3 request must carry a valid AWS Signature V4. {@value #KEYS_PROPERTY} / {@value
 *     #KEYS_ENV} = {@code ACCESS_KEY:SECRET[,ACCESS_KEY:SECRET...]}.
 * @param root serve the S3 API at the root path too ({@code /<bucket>/<key>}), for clients that
 *     cannot add a path to the endpoint. Native routes ({@code /v1/...}) keep precedence. {@value
 *     #ROOT_PROPERTY} / {@value #ROOT_ENV} = {@code true}.
 * @param domains the DNS domains under which a proxy is addressed virtual-hosted-style: a request to
 *     {@code <bucket>.<domain>[:port]} names the bucket in its Host ({@link VirtualHosts}). {@value
 *     #DOMAIN_PROPERTY} / {@value #DOMAIN_ENV} = {@code DOMAIN[,DOMAIN...]}, default {@value
 *     #DEFAULT_DOMAINS}; empty ({@code ""}) turns virtual-hosted-style off.
 */
public record S3Options(boolean redirect, Map<String, String> keys, boolean root, List<String> domains) {
  public static final String REDIRECT_PROPERTY = "jais.s3.redirect";
  public static final String REDIRECT_ENV = "JAIS_S3_REDIRECT";
  public static final String KEYS_PROPERTY = "jais.s3.keys";
  public static final String KEYS_ENV = "JAIS_S3_KEYS";
  public static final String ROOT_PROPERTY = "jais.s3.root";
  public static final String ROOT_ENV = "JAIS_S3_ROOT";
  public static final String DOMAIN_PROPERTY = "jais.s3.domain";
  public static final String DOMAIN_ENV = "JAIS_S3_DOMAIN";
  /** What resolves to this machine without DNS set-up on most systems (RFC 6761 {@code *.localhost}). */
  public static final String DEFAULT_DOMAINS = "s3.localhost,localhost";
  public static final S3Options DEFAULT = new S3Options(false, Map.of(), false, parseDomains(DEFAULT_DOMAINS));

  public S3Options {
    keys = Map.copyOf(keys);
    domains = List.copyOf(domains);
  }

  /** The options from the node's system properties and environment. */
  public static S3Options fromEnvironment() {
    String keys = System.getProperty(KEYS_PROPERTY, System.getenv(KEYS_ENV));
    String domains = System.getProperty(DOMAIN_PROPERTY, System.getenv(DOMAIN_ENV));
    return new S3Options(flag(REDIRECT_PROPERTY, REDIRECT_ENV), parseKeys(keys), flag(ROOT_PROPERTY, ROOT_ENV),
        parseDomains(domains == null ? DEFAULT_DOMAINS : domains));
  }

  static List<String> parseDomains(String value) {
    List<String> domains = new ArrayList<>();
    for (String domain : value.split(",")) {
      String name = domain.strip().toLowerCase(java.util.Locale.ROOT);
      while (name.startsWith(".")) {
        name = name.substring(1);
      }
      if (name.endsWith(".")) {
        name = name.substring(0, name.length() - 1);
      }
      if (name.isEmpty()) {
        continue;
      }
      if (!name.matches("[a-z0-9]([a-z0-9.-]*[a-z0-9])?")) {
        throw new IllegalArgumentException(DOMAIN_PROPERTY + ": \"" + domain.strip() + "\" is not a DNS domain");
      }
      domains.add(name);
    }
    return domains;
  }

  private static boolean flag(String property, String env) {
    String value = System.getProperty(property, System.getenv(env));
    return value != null && (value.equalsIgnoreCase("true") || value.equals("1"));
  }

  static Map<String, String> parseKeys(String value) {
    Map<String, String> keys = new LinkedHashMap<>();
    if (value == null || value.isBlank()) {
      return keys;
    }
    for (String pair : value.split(",")) {
      int colon = pair.indexOf(':');
      if (colon <= 0 || colon == pair.length() - 1) {
        throw new IllegalArgumentException(KEYS_PROPERTY + ": \"" + pair.strip()
            + "\" is not ACCESS_KEY:SECRET");
      }
      keys.put(pair.substring(0, colon).strip(), pair.substring(colon + 1).strip());
    }
    return keys;
  }

  boolean authRequired() {
    return !keys.isEmpty();
  }
}
