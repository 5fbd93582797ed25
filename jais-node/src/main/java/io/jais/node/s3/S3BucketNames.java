package io.jais.node.s3;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The bucket naming rules S3 enforces on CreateBucket (general purpose buckets): 3 to 63
 * characters; lowercase letters, digits, dots and hyphens; every dot-separated label starting and
 * ending with a letter or digit (so no {@code ..}, {@code .-} or {@code -.}, and the name starts and
 * ends alphanumeric); not an IPv4 address; none of the prefixes and suffixes S3 reserves.
 *
 * <p>Only the S3 door's CreateBucket applies them. AIS allows more (upper case, {@code _}, 1 to 64
 * characters), so buckets made through the native API keep working on the S3 door under their
 * names, as legacy buckets do on S3.
 */
final class S3BucketNames {
  static final int MIN_LENGTH = 3;
  static final int MAX_LENGTH = 63;

  private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?");
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
  private static final List<String> RESERVED_PREFIXES = List.of("xn--", "sthree-", "amzn-s3-demo-");
  private static final List<String> RESERVED_SUFFIXES = List.of("-s3alias", "--ol-s3", ".mrap", "--x-s3",
      "--table-s3");

  private S3BucketNames() {}

  /** @throws S3Exception InvalidBucketName, saying which rule the name breaks */
  static void requireValidForCreate(String name) {
    if (name.length() < MIN_LENGTH || name.length() > MAX_LENGTH) {
      throw invalid(name, "must be " + MIN_LENGTH + " to " + MAX_LENGTH + " characters long");
    }
    for (String label : name.split("\\.", -1)) {
      if (!LABEL.matcher(label).matches()) {
        throw invalid(name, "may contain only lowercase letters, digits, '.' and '-', and must start and end"
            + " with a letter or digit, as must every part between dots");
      }
    }
    if (IPV4.matcher(name).matches()) {
      throw invalid(name, "must not be formatted as an IP address");
    }
    for (String prefix : RESERVED_PREFIXES) {
      if (name.startsWith(prefix)) {
        throw invalid(name, "must not start with the reserved prefix \"" + prefix + "\"");
      }
    }
    for (String suffix : RESERVED_SUFFIXES) {
      if (name.endsWith(suffix)) {
        throw invalid(name, "must not end with the reserved suffix \"" + suffix + "\"");
      }
    }
  }

  private static S3Exception invalid(String name, String rule) {
    return new S3Exception(S3Error.INVALID_BUCKET_NAME, "The specified bucket is not valid: \"" + name + "\" " + rule);
  }
}
