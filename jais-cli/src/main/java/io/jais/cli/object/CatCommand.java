package io.jais.cli.object;

import io.jais.cli.ObjectPath;
import io.jais.cli.Session;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jais object cat BUCKET/NAME}: the object's bytes on standard output, streamed. */
@Command(name = "cat", mixinStandardHelpOptions = true, description = "Print an object to standard output.")
public final class CatCommand implements Runnable {
  @Parameters(index = "0", paramLabel = "BUCKET/NAME", converter = ObjectPath.Converter.class)
  ObjectPath path;

  @Option(names = "--offset", paramLabel = "BYTES", description = "print a range starting here (with --length)")
  Long offset;

  @Option(names = "--length", paramLabel = "BYTES", description = "print this many bytes (with --offset)")
  Long length;

  private final Session session;

  CatCommand(Session session) {
    this.session = session;
  }

  @Override
  public void run() {
    if (!path.hasObject()) {
      throw new IllegalArgumentException("\"" + path + "\" names no object");
    }
    if ((offset == null) != (length == null)) {
      throw new IllegalArgumentException("--offset and --length must be both present (or not)");
    }
    if (offset != null && (offset < 0 || length <= 0)) {
      throw new IllegalArgumentException("--offset must be >= 0 and --length > 0");
    }
    try (InputStream in = offset == null ? session.client().objects().open(path.bucket(), path.object())
        : new java.io.ByteArrayInputStream(session.client().objects().get(path.bucket(), path.object(), offset, length))) {
      OutputStream out = session.stdout();
      in.transferTo(out);
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
