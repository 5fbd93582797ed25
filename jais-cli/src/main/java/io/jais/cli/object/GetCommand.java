package io.jais.cli.object;

import io.jais.api.bucket.Bucket;
import io.jais.api.object.ListFlags;
import io.jais.api.object.ListObjectsMsg;
import io.jais.api.object.ObjectEntry;
import io.jais.cli.CommandFailedException;
import io.jais.cli.Confirmation;
import io.jais.cli.ObjectPath;
import io.jais.cli.Session;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code jais get BUCKET/NAME [FILE|DIR|-|/dev/null]} for one object, {@code jais get BUCKET
 * [DIR] --prefix P} for many, by the rules of {@code ais get}: many objects only with
 * {@code --prefix} ({@code --prefix ""} for the whole bucket), each written as
 * {@code DIR/<basename>}; a question before a multi-object download and before overwriting a
 * file (skipped by {@code -y}); {@code /dev/null} discards.
 *
 * <p>Implementation notes: files are written beside their final path and renamed into place, so
 * an interrupted download never leaves a truncated file. Unlike {@code ais}, which silently lets
 * {@code a/x} and {@code b/x} overwrite each other in the flattened layout, jais refuses such a
 * download up front; {@code --keep-paths} (a jais extra) recreates the names as paths instead.
 */
@Command(name = "get", mixinStandardHelpOptions = true,
    description = {"Download an object, or every object under a prefix (as 'ais get'), e.g.",
        "  jais get ais://b/README.md                  -> ./README.md",
        "  jais get ais://b/README.md -                -> standard output",
        "  jais get ais://b out/ --prefix train/ -y    -> out/<basename of each train/... object>"})
public final class GetCommand implements Runnable {
  private static final String DISCARD = "/dev/null";

  @Parameters(index = "0", paramLabel = "BUCKET[/NAME]", converter = ObjectPath.Converter.class)
  ObjectPath source;

  @Parameters(index = "1", arity = "0..1", paramLabel = "FILE|DIR|-")
  String destination;

  @Option(names = "--prefix", description = "download every object whose name starts with this (\"\": the whole bucket)")
  String prefix;

  @Option(names = "--limit", defaultValue = "0", description = "with --prefix: at most this many objects (0: all)")
  long limit;

  @Option(names = "--keep-paths", description = "with --prefix: write DIR/<object name> instead of DIR/<basename> (jais)")
  boolean keepPaths;

  @Option(names = "--offset", paramLabel = "BYTES", description = "read a range starting here (with --length)")
  Long offset;

  @Option(names = "--length", paramLabel = "BYTES", description = "read this many bytes (with --offset)")
  Long length;

  @Option(names = "--checksum", description = "check the content against the object's checksum as it arrives (a mismatch fails)")
  boolean validate;

  @Option(names = {"-v", "--verbose"}, description = "with --prefix: one line per object")
  boolean verbose;

  @Option(names = {"--skip-lookup", "--cached"}, hidden = true,
      description = "accepted for ais compatibility: no-ops for ais:// buckets")
  boolean noOps;

  @Mixin TransferOptions transfer;

  @Mixin Confirmation confirmation;

  private final Session session;

  GetCommand(Session session) {
    this.session = session;
  }

  @Override
  public void run() {
    if ((offset == null) != (length == null)) {
      throw new IllegalArgumentException("--offset and --length must be both present (or not)");
    }
    if (validate && offset != null) {
      throw new IllegalArgumentException("--checksum checks whole objects; it cannot be used with --offset/--length");
    }
    if (prefix != null) {
      if (source.hasObject()) {
        throw new IllegalArgumentException("object name in \"" + source + "\" and --prefix cannot be used together"
            + " (hint: use a directory as destination)");
      }
      getMany(prefix);
      return;
    }
    if (!source.hasObject()) {
      throw new IllegalArgumentException("\"" + source + "\": missing object name (to get many objects: --prefix,"
          + " e.g. --prefix \"\" for all)");
    }
    getOne();
  }

  private void getOne() {
    Bucket bucket = source.bucket();
    String name = source.object();
    String base = name.substring(name.lastIndexOf('/') + 1);
    if ("-".equals(destination) || DISCARD.equals(destination)) {
      long read;
      OutputStream out = "-".equals(destination) ? session.stdout() : OutputStream.nullOutputStream();
      Validation check = validation(bucket, name);
      try (InputStream in = check.wrap(open(bucket, name))) {
        read = in.transferTo(out);
        out.flush();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      check.verify(bucket, name);
      if (DISCARD.equals(destination)) {
        session.out().println(offset != null ? "Read and discard range (length " + read + " at offset " + offset + ")"
            : "GET and discard " + name + " from " + bucket.uri() + size(read));
      }
      return;
    }
    Path target = destination == null ? Path.of(base.isEmpty() ? name : base) : Path.of(destination);
    if (Files.isDirectory(target)) {
      target = target.resolve(base);
    }
    if (Files.isRegularFile(target) && !confirmation.confirm(session, "overwrite existing \"" + target + "\"")) {
      return;
    }
    long size = session.interactive() ? session.client().objects().head(bucket, name).size() : 0;
    long written;
    try (Progress progress = transfer.progress(session, "GET", size, 1)) {
      written = download(bucket, name, target, progress);
    }
    session.out().println(offset != null ? "Read range (length " + written + " at offset " + offset + ") as " + target
        : "GET " + name + " from " + bucket.uri() + " as " + target + size(written));
  }

  private static String size(long bytes) {
    return bytes > 0 ? " (" + Sizes.format(bytes) + ")" : "";
  }

  private void getMany(String under) {
    if (limit < 0) {
      throw new IllegalArgumentException("--limit must be >= 0");
    }
    Bucket bucket = source.bucket();
    List<ObjectEntry> entries;
    ListObjectsMsg message = ListObjectsMsg.of(under, 0).withProps("name,size").withFlags(ListFlags.NAME_SIZE);
    try (Stream<ObjectEntry> listing = session.client().buckets().list(bucket, message)) {
      Stream<ObjectEntry> objects = listing.filter(entry -> !entry.isDir());
      entries = (limit > 0 ? objects.limit(limit) : objects).toList();
    }
    boolean toStdout = "-".equals(destination);
    boolean discard = DISCARD.equals(destination);
    Path dir = Path.of(destination == null || toStdout || discard ? "." : destination);
    if (!toStdout && !discard && !keepPaths) {
      refuseClashingBasenames(entries);
    }
    long total = entries.stream().mapToLong(ObjectEntry::size).sum();
    String where = discard ? "" : toStdout ? " to standard output" : destination == null ? "" : " to " + destination;
    String caption = "GET" + (discard ? " (and discard)" : "") + " " + entries.size()
        + (entries.size() == 1 ? " object" : " objects") + " from " + bucket.uri() + where
        + " (total size " + Sizes.format(total) + ")";
    if (confirmation.assumeYes()) {
      session.out().println(caption);
    } else if (!confirmation.confirm(session, caption)) {
      return;
    }
    Path root = dir.toAbsolutePath().normalize();
    List<Workers.Failure<ObjectEntry>> failures;
    // standard output takes one object after the other, whole
    int workers = toStdout ? 1 : transfer.workers();
    try (Progress progress = transfer.progress(session, "GET", total, entries.size())) {
      failures = Workers.run(entries, workers, entry -> {
        String name = entry.name();
        if (toStdout || discard) {
          Validation check = validation(bucket, name);
          try (InputStream in = check.wrap(new Counting(open(bucket, name), progress))) {
            OutputStream out = toStdout ? session.stdout() : OutputStream.nullOutputStream();
            in.transferTo(out);
            out.flush();
            progress.fileDone();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
          check.verify(bucket, name);
        } else {
          Path target = keepPaths ? localPath(root, name) : localPath(root, name.substring(name.lastIndexOf('/') + 1));
          long written = download(bucket, name, target, progress);
          if (verbose) {
            session.out().println("GET " + name + " from " + bucket.uri() + " as " + target + size(written));
          }
        }
      });
    }
    failures.forEach(f -> session.err().println("failed to get " + bucket.uri() + "/" + f.item().name() + ": "
        + f.cause().getMessage()));
    if (!failures.isEmpty()) {
      throw new CommandFailedException(failures.size() + " of " + entries.size() + " objects failed to download");
    }
  }

  /** In the flattened layout two objects with one basename would overwrite each other: refuse before writing. */
  private static void refuseClashingBasenames(List<ObjectEntry> entries) {
    Map<String, String> seen = new HashMap<>();
    for (ObjectEntry entry : entries) {
      String name = entry.name();
      String other = seen.putIfAbsent(name.substring(name.lastIndexOf('/') + 1), name);
      if (other != null) {
        throw new CommandFailedException("\"" + other + "\" and \"" + name + "\" would both be written as \""
            + name.substring(name.lastIndexOf('/') + 1) + "\"; pass --keep-paths to write the full names as paths");
      }
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

  /**
   * {@code --checksum}: the object's checksum as HEAD reports it, and the same type computed
   * over the bytes as they arrive. Without the flag, or for an object stored without a checksum,
   * a no-op.
   */
  private record Validation(String expected, ContentChecksum computed) {
    InputStream wrap(InputStream in) {
      return computed == null ? in : ContentChecksum.feeding(in, computed);
    }

    void verify(Bucket bucket, String name) {
      if (computed != null && !computed.hex().equals(expected)) {
        throw new CommandFailedException("BAD DATA CHECKSUM: " + bucket.uri() + "/" + name + ": " + computed.type()
            + "(" + computed.hex() + " != " + expected + ")");
      }
    }
  }

  private Validation validation(Bucket bucket, String name) {
    if (!validate) {
      return new Validation("", null);
    }
    var attrs = session.client().objects().head(bucket, name);
    if (attrs.checksumType().isEmpty() || attrs.checksumType().equals("none")) {
      return new Validation("", null);
    }
    return new Validation(attrs.checksumValue(), new ContentChecksum(attrs.checksumType()));
  }

  /** The object's bytes, or the {@code --offset/--length} range of them. */
  private InputStream open(Bucket bucket, String name) {
    if (offset == null) {
      return session.client().objects().open(bucket, name);
    }
    if (offset < 0 || length <= 0) {
      throw new IllegalArgumentException("--offset must be >= 0 and --length > 0");
    }
    return new java.io.ByteArrayInputStream(session.client().objects().get(bucket, name, offset, length));
  }

  /** Streams into a temporary file beside {@code target}, then renames it over; returns the size. */
  private long download(Bucket bucket, String name, Path target, Progress progress) {
    Path temp = null;
    try {
      Path parent = target.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      temp = Files.createTempFile(parent, "." + target.getFileName(), ".part");
      long written;
      Validation check = validation(bucket, name);
      try (InputStream in = check.wrap(new Counting(open(bucket, name), progress));
          OutputStream out = Files.newOutputStream(temp)) {
        written = in.transferTo(out);
      }
      check.verify(bucket, name); // before the rename: a corrupted download never takes the file's place
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
