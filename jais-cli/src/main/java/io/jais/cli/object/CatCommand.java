package io.jais.cli.object;

import io.jais.cli.ObjectPath;
import io.jais.cli.Session;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code jais object cat BUCKET/NAME}: the object's bytes on standard output, streamed. */
@Command(name = "cat", mixinStandardHelpOptions = true, description = "Print an object to standard output.")
public final class CatCommand implements Runnable {
  @Parameters(index = "0", paramLabel = "BUCKET/NAME", converter = ObjectPath.Converter.class)
  ObjectPath path;

  private final Session session;

  CatCommand(Session session) {
    this.session = session;
  }

  @Override
  public void run() {
    if (!path.hasObject()) {
      throw new IllegalArgumentException("\"" + path + "\" names no object");
    }
    try (InputStream in = session.client().objects().open(path.bucket(), path.object())) {
      OutputStream out = session.stdout();
      in.transferTo(out);
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
