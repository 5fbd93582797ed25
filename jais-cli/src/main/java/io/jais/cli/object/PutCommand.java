package io.jais.cli.object;

import io.jais.api.bucket.Bucket;
import io.jais.cli.CommandFailedException;
import io.jais.cli.ObjectPath;
import io.jais.cli.Session;
import io.jais.cli.render.Durations;
import io.jais.cli.render.Progress;
import io.jais.cli.render.Sizes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code jais put SOURCE BUCKET[/NAME]}: a file, a whole directory (recursively, object names are
 * the relative paths under the destination prefix) or standard input ({@code -}).
 */
@Command(name = "put", mixinStandardHelpOptions = true,
    description = {"Upload a file, a directory (recursively) or standard input, e.g.",
        "  jais put README.md ais://b                 -> ais://b/README.md",
        "  jais put data/ ais://b/train/              -> ais://b/train/<relative path>",
        "  tar c . | jais put - ais://b/backup.tar"})
public final class PutCommand implements Runnable {
  @Parameters(index = "0", paramLabel = "FILE|DIR|-")
  String source;

  @Parameters(index = "1", paramLabel = "BUCKET[/NAME]", converter = ObjectPath.Converter.class)
  ObjectPath destination;

  @Mixin TransferOptions transfer;

  private final Session session;

  PutCommand(Session session) {
    this.session = session;
  }

  @Override
  public void run() {
    if (source.equals("-")) {
      putStdin();
      return;
    }
    Path path = Path.of(source);
    if (Files.isDirectory(path)) {
      putDirectory(path);
    } else if (Files.isRegularFile(path)) {
      putFile(path);
    } else {
      throw new UncheckedIOException(new NoSuchFileException(source));
    }
  }

  private void putStdin() {
    if (!destination.hasObject() || destination.object().endsWith("/")) {
      throw new IllegalArgumentException("put from standard input needs an object name, e.g. ais://b/name");
    }
    session.client().objects().put(destination.bucket(), destination.object(), session.stdin(), -1);
    session.out().println("PUT (standard input) => " + destination);
  }

  private void putFile(Path file) {
    String name = destination.hasObject() && !destination.object().endsWith("/")
        ? destination.object() : destination.object() + file.getFileName();
    long size = size(file);
    try (Progress progress = transfer.progress(session, "PUT", size, 1)) {
      upload(destination.bucket(), name, file, progress);
    }
    session.out().println("PUT \"" + file + "\" => " + destination.bucket().uri() + "/" + name + " (" + Sizes.format(size) + ")");
  }

  private void putDirectory(Path dir) {
    String prefix = destination.object().isEmpty() || destination.object().endsWith("/")
        ? destination.object() : destination.object() + "/";
    List<Path> files;
    try (Stream<Path> walk = Files.walk(dir)) {
      files = walk.filter(Files::isRegularFile).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    long total = files.stream().mapToLong(PutCommand::size).sum();
    List<Workers.Failure<Path>> failures;
    Progress progress = transfer.progress(session, "PUT", total, files.size());
    try (progress) {
      failures = Workers.run(files, transfer.workers(), file -> {
        String relative = dir.relativize(file).toString().replace(java.io.File.separatorChar, '/');
        upload(destination.bucket(), prefix + relative, file, progress);
      });
    }
    failures.forEach(f -> session.err().println("failed to put \"" + f.item() + "\": " + f.cause().getMessage()));
    int done = files.size() - failures.size();
    session.out().println("PUT " + done + (done == 1 ? " object" : " objects") + " (" + Sizes.format(total) + ") to "
        + destination.bucket().uri() + "/" + prefix + " in " + Durations.elapsed(progress.elapsed()));
    if (!failures.isEmpty()) {
      throw new CommandFailedException(failures.size() + " of " + files.size() + " files failed to upload");
    }
  }

  /** Streams the file so the bar moves within large files; the proxy redirects before the body is sent. */
  private void upload(Bucket bucket, String name, Path file, Progress progress) {
    try (InputStream in = new Counting(Files.newInputStream(file), progress)) {
      session.client().objects().put(bucket, name, in, Files.size(file));
      progress.fileDone();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
