package io.jais.cli.object;

import io.jais.api.bucket.Bucket;
import io.jais.api.object.ListFlags;
import io.jais.api.object.ListObjectsMsg;
import io.jais.api.object.ObjectEntry;
import io.jais.cli.CommandFailedException;
import io.jais.cli.ObjectPath;
import io.jais.cli.Session;
import io.jais.cli.render.Durations;
import io.jais.cli.render.Progress;
import io.jais.cli.render.Sizes;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code jais get BUCKET/NAME [FILE|DIR|-]} for one object, {@code jais get BUCKET[/PREFIX/] DIR}
 * for many (recursively, names become relative paths). Files are written beside their final
 * path and renamed into place, so an interrupted download never leaves a truncated file.
 */
@Command(name = "get", mixinStandardHelpOptions = true,
    description = {"Download an object, or every object under a prefix, e.g.",
        "  jais get ais://b/README.md                  -> ./README.md",
        "  jais get ais://b/README.md -                -> standard output",
        "  jais get ais://b out/ --prefix train/       -> out/train/..."})
public final class GetCommand implements Runnable {
  @Parameters(index = "0", paramLabel = "BUCKET[/NAME]", converter = ObjectPath.Converter.class)
  ObjectPath source;

  @Parameters(index = "1", arity = "0..1", paramLabel = "FILE|DIR|-")
  String destination;

  @Option(names = "--prefix", description = "download every object whose name starts with this")
  String prefix;

  @Mixin TransferOptions transfer;

  private final Session session;

  GetCommand(Session session) {
    this.session = session;
  }

  @Override
  public void run() {
    boolean many = prefix != null || !source.hasObject() || source.object().endsWith("/");
    if (!many) {
      getOne();
    } else if ("-".equals(destination)) {
      throw new IllegalArgumentException("cannot write many objects to standard output; name one object or a directory");
    } else {
      getMany(prefix != null ? prefix : source.object(), Path.of(destination == null ? "." : destination));
    }
  }

  private void getOne() {
    Bucket bucket = source.bucket();
    String name = source.object();
    if ("-".equals(destination)) {
      try (InputStream in = session.client().objects().open(bucket, name)) {
        OutputStream out = session.stdout();
        in.transferTo(out);
        out.flush();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return;
    }
    String base = name.substring(name.lastIndexOf('/') + 1);
    Path target = destination == null ? Path.of(base) : Path.of(destination);
    if (Files.isDirectory(target)) {
      target = target.resolve(base);
    }
    long size = session.interactive() ? session.client().objects().head(bucket, name).size() : 0;
    long written;
    try (Progress progress = transfer.progress(session, "GET", size, 1)) {
      written = download(bucket, name, target, progress);
    }
    session.out().println("GET " + source + " => " + target + " (" + Sizes.format(written) + ")");
  }

  private void getMany(String under, Path dir) {
    Bucket bucket = source.bucket();
    List<ObjectEntry> entries;
    ListObjectsMsg message = ListObjectsMsg.of(under, 0).withProps("name,size").withFlags(ListFlags.NAME_SIZE);
    try (Stream<ObjectEntry> listing = session.client().buckets().list(bucket, message)) {
      entries = listing.filter(entry -> !entry.isDir()).toList();
    }
    long total = entries.stream().mapToLong(ObjectEntry::size).sum();
    Path root = dir.toAbsolutePath().normalize();
    List<Workers.Failure<ObjectEntry>> failures;
    Progress progress = transfer.progress(session, "GET", total, entries.size());
    try (progress) {
      failures = Workers.run(entries, transfer.workers(), entry -> {
        download(bucket, entry.name(), localPath(root, entry.name()), progress);
      });
    }
    failures.forEach(f -> session.err().println("failed to get " + bucket.uri() + "/" + f.item().name() + ": "
        + f.cause().getMessage()));
    int done = entries.size() - failures.size();
    session.out().println("GET " + done + (done == 1 ? " object" : " objects") + " (" + Sizes.format(total) + ") from "
        + bucket.uri() + "/" + under + " to " + dir + " in " + Durations.elapsed(progress.elapsed()));
    if (!failures.isEmpty()) {
      throw new CommandFailedException(failures.size() + " of " + entries.size() + " objects failed to download");
    }
  }

  /**
   * Where an object lands under {@code root}. Names come from the server, so one like
   * {@code ../x} or {@code /etc/x} (which AIS may store) must not escape the destination.
   */
  static Path localPath(Path root, String name) {
    Path target = root.resolve(name).normalize();
    if (!target.startsWith(root) || target.equals(root)) {
      throw new IllegalArgumentException("object name \"" + name + "\" would be written outside " + root);
    }
    return target;
  }

  /** Streams into a temporary file beside {@code target}, then renames it over; returns the size. */
  private long download(Bucket bucket, String name, Path target, Progress progress) {
    Path temp = null;
    try {
      Path parent = target.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      temp = Files.createTempFile(parent, "." + target.getFileName(), ".part");
      long written;
      try (InputStream in = new Counting(session.client().objects().open(bucket, name), progress);
          OutputStream out = Files.newOutputStream(temp)) {
        written = in.transferTo(out);
      }
      try {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
      temp = null;
      progress.fileDone();
      return written;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      if (temp != null) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException e) {
          // a stray .part file is harmless; the download's own failure is what to report
        }
      }
    }
  }
}
