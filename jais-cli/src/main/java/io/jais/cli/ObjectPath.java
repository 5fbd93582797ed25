package io.jais.cli;

import io.jais.api.bucket.Bucket;
import io.jais.api.bucket.Namespace;
import io.jais.api.bucket.Provider;
import io.jais.api.error.JaisException;
import picocli.CommandLine;

/**
 * A bucket with an optional object name or prefix, as users type it: {@code ais://b},
 * {@code ais://b/dir/file}, {@code s3://b}, {@code ais://@uuid#ns/b}, or a bare {@code b} (an
 * {@code ais} bucket, as the AIS CLI assumes).
 *
 * @param object the part after the bucket; empty when none
 */
public record ObjectPath(Bucket bucket, String object) {
  public ObjectPath {
    object = object == null ? "" : object;
  }

  public static ObjectPath parse(String text) {
    String rest = text;
    Provider provider = Provider.AIS;
    int scheme = text.indexOf("://");
    if (scheme >= 0) {
      provider = Provider.parse(text.substring(0, scheme));
      rest = text.substring(scheme + 3);
    }
    Namespace namespace = Namespace.GLOBAL;
    if (rest.startsWith("@") || rest.startsWith("#")) {
      int slash = rest.indexOf('/');
      namespace = Namespace.parse(slash < 0 ? rest : rest.substring(0, slash));
      rest = slash < 0 ? "" : rest.substring(slash + 1);
    }
    int slash = rest.indexOf('/');
    String name = slash < 0 ? rest : rest.substring(0, slash);
    String object = slash < 0 ? "" : rest.substring(slash + 1);
    if (name.isEmpty()) {
      throw JaisException.invalid("\"" + text + "\" names no bucket (expected: ais://BUCKET[/OBJECT])");
    }
    Bucket.validateName(name);
    return new ObjectPath(new Bucket(name, provider, namespace), object);
  }

  public boolean hasObject() {
    return !object.isEmpty();
  }

  /** {@code ais://b/object}, or the bucket URI. */
  @Override
  public String toString() {
    return object.isEmpty() ? bucket.uri() : bucket.uri() + "/" + object;
  }

  /** Lets picocli parse arguments straight into {@code ObjectPath} fields, failing as a usage error. */
  public static final class Converter implements CommandLine.ITypeConverter<ObjectPath> {
    @Override
    public ObjectPath convert(String value) {
      try {
        return parse(value);
      } catch (JaisException e) {
        throw new CommandLine.TypeConversionException(e.getMessage());
      }
    }
  }
}
