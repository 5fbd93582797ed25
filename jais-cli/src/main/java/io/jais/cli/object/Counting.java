package io.jais.cli.object;

import io.jais.cli.render.Progress;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** An input stream that reports every byte read to a progress bar. */
final class Counting extends FilterInputStream {
  private final Progress progress;

  Counting(InputStream in, Progress progress) {
    super(in);
    this.progress = progress;
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    if (b >= 0) {
      progress.advance(1);
    }
    return b;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    int n = super.read(buffer, offset, length);
    if (n > 0) {
      progress.advance(n);
    }
    return n;
  }
}
