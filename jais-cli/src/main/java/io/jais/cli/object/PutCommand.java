package io.jais.cli.object;

import io.jais.api.bucket.Bucket;
import io.jais.api.job.NameTemplate;
import io.jais.cli.CommandFailedException;
import io.jais.cli.Confirmation;
import io.jais.cli.ObjectPath;
import io.jais.cli.Session;
import io.jais.cli.render.Progress;
import io.jais.cli.render.Sizes;
import io.jais.cli.render.Table;
import io.jais.client.PutOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code jais put SOURCE BUCKET[/NAME]}: a file, a directory or standard input ({@code -}), or
 * {@code jais put BUCKET[/PREFIX] --list a,b,dir | --template '/data/x{0..9}.bin'} (also a
 * comma-separated list or a brace range as the source), by the rules of {@code ais put}.
 *
 * <p>Design notes: the naming rule for a directory is AIS's, on purpose, since scripts depend on
 * it: an object's name is the destination name <em>as typed</em> followed by the file's path
 * relative to the directory, so {@code ais://b/train/} gives {@code train/a.txt} but
 * {@code ais://b/train} gives {@code traina.txt} (with a warning). A directory is read one level
 * deep unless {@code -r}, and the upload is confirmed first (the question lists the count and
 * where they go) unless {@code -y}; without a terminal jais refuses rather than hang (see
 * {@link Confirmation}).
 */
@Command(name = "put", mixinStandardHelpOptions = true,
    description = {"Upload a file, a directory or standard input (as 'ais put'), e.g.",
        "  jais put README.md ais://b                 -> ais://b/README.md",
        "  jais put data/ ais://b/train/ -r -y        -> ais://b/train/<path relative to data/>",
        "  jais put ais://b/x/ --list a.txt,b.txt -y  -> ais://b/x/a.txt, ais://b/x/b.txt",
        "  tar c . | jais put - ais://b/backup.tar"})
public final class PutCommand implements Runnable {
  private static final int MAX_RETRIES = 5;
  /** A source range is expanded and each name looked up on disk; beyond this many, list a directory instead. */
  private static final long MAX_RANGE_FILES = 1_000_000;

  @Parameters(arity = "1..2", paramLabel = "[FILE|DIR|-] BUCKET[/NAME]",
      description = "the source (not with --list or --template), then the destination")
  List<String> arguments;

  @Option(names = "--list", paramLabel = "PATHS", description = "comma-separated files and directories to upload")
  String list;

  @Option(names = "--template", paramLabel = "TEMPLATE",
      description = "files to upload, e.g. '/data/shard-{000..099}.tar' (one without ranges is a directory)")
  String template;

  @Option(names = {"-r", "--recursive"}, description = "a directory: include its subdirectories (default: its files only, as ais)")
  boolean recursive;

  @Option(names = "--include-src-dir", description = "prefix object names with the source directory's name")
  boolean includeSourceDir;

  @Option(names = "--dry-run", description = "print what would be uploaded; upload nothing")
  boolean dryRun;

  @Option(names = {"-v", "--verbose"}, description = "a directory: print one line per uploaded file")
  boolean verbose;

  @Option(names = "--retries", paramLabel = "N", defaultValue = "0",
      description = "retry a failed upload up to N times (1..5; default: no retry)")
  int retries;

  @Option(names = "--cont-on-err", description = "a directory: skip what cannot be read while walking it (default: fail)")
  boolean continueOnError;

  @Option(names = "--skip-lookup", hidden = true, description = "accepted for ais compatibility; jais never looks the bucket up first")
  boolean skipLookup;

  @Mixin TransferOptions transfer;

  @Mixin PutChecksum checksum;

  @Mixin Confirmation confirmation;

  private final Session session;
  private String source;
  private ObjectPath destination;
  private String computeType;

  PutCommand(Session session) {
    this.session = session;
  }

  /** One file to upload and the object name it gets. */
  private record Upload(Path file, String name, long size) {}

  @Override
  public void run() {
    if (retries < 0 || retries > MAX_RETRIES) {
      throw new IllegalArgumentException("--retries " + retries + " (expected: 0.." + MAX_RETRIES + ")");
    }
    checksum.expected();
    if (list != null && template != null) {
      throw new IllegalArgumentException("--list and --template are mutually exclusive");
    }
    boolean flagged = list != null || template != null;
    if (arguments.size() == 1 && !flagged) {
      throw new IllegalArgumentException("missing source (FILE|DIR|-) before \"" + arguments.getFirst()
          + "\", or --list / --template");
    }
    if (arguments.size() == 2 && flagged) {
      throw new IllegalArgumentException("source (\"" + arguments.getFirst() + "\") and --list/--template are mutually exclusive");
    }
    destination = ObjectPath.parse(arguments.getLast());
    source = arguments.size() == 2 ? arguments.getFirst() : list != null ? list : template;
    if (dryRun) {
      session.out().println("[DRY RUN] with no modifications to the cluster");
    }
    if (list != null) {
      putList(list);
      return;
    }
    if (template != null || isRange(source)) {
      NameTemplate parsed = NameTemplate.parse(source);
      if (parsed.isPrefix()) {
        putDirectory(Path.of(parsed.prefix()));
      } else {
        putRange(parsed);
      }
      return;
    }
    if (source.equals("-")) {
      putStdin();
      return;
    }
    Path path = Path.of(source);
    if (Files.isDirectory(path)) {
      putDirectory(path);
    } else if (Files.isRegularFile(path)) {
      putFile(path);
    } else if (source.contains(",")) {
      putList(source);
    } else {
      throw new UncheckedIOException(new NoSuchFileException(source));
    }
  }

  private static boolean isRange(String text) {
    return text.contains("{") && text.contains("..") && text.contains("}");
  }

  /** {@code --list a,b,dir} (or {@code a,b} as the source): each file by its name, each directory as {@code put DIR}. */
  private void putList(String csv) {
    List<Upload> uploads = new ArrayList<>();
    int directories = 0;
    for (String item : csv.split(",")) {
      String name = item.strip();
      if (name.isEmpty()) {
        continue;
      }
      Path path = Path.of(name);
      if (Files.isDirectory(path)) {
        directories++;
        uploads.addAll(walk(path, destination.object() + sourceDirPrefix(path)));
      } else if (Files.isRegularFile(path)) {
        uploads.add(new Upload(path, destination.object() + path.getFileName(), size(path)));
      } else {
        throw new UncheckedIOException(new NoSuchFileException(name));
      }
    }
    putMany(uploads, directories);
  }

  /**
   * A brace range of local paths: the files that exist, named by their path after the range's
   * fixed directory part ({@code /data/d{0..1}/x} gives {@code d0/x}, {@code d1/x}), as in AIS.
   */
  private void putRange(NameTemplate range) {
    if (range.count() > MAX_RANGE_FILES) {
      throw new IllegalArgumentException("template \"" + source + "\" names more than " + MAX_RANGE_FILES + " files");
    }
    String fixed = range.prefix().substring(0, range.prefix().lastIndexOf('/') + 1);
    List<Upload> uploads = new ArrayList<>();
    for (String name : range) {
      Path path = Path.of(name);
      if (Files.isRegularFile(path)) {
        uploads.add(new Upload(path, destination.object() + name.substring(fixed.length()), size(path)));
      }
    }
    putMany(uploads, 0);
  }

  /** With {@code --include-src-dir}: the directory's own name and {@code /}; else nothing. */
  private String sourceDirPrefix(Path dir) {
    Path name = dir.toAbsolutePath().normalize().getFileName();
    return includeSourceDir && name != null ? name + "/" : "";
  }

  private void putStdin() {
    if (!destination.hasObject() || destination.object().endsWith("/")) {
      throw new IllegalArgumentException("put from standard input needs an object name, e.g. ais://b/name");
    }
    String[] expected = checksum.expected();
    if (checksum.compute()) {
      throw new IllegalArgumentException("--compute-checksum needs a file (standard input is read once); pass --TYPE VALUE");
    }
    if (!dryRun) {
      PutOptions options = expected == null ? PutOptions.NONE : PutOptions.NONE.withChecksum(expected[0], expected[1]);
      session.client().objects().put(destination.bucket(), destination.object(), session.stdin(), -1, options);
    }
    session.out().println("PUT (standard input) => " + destination);
  }

  /** One file: to {@code NAME}, or to {@code PREFIX/<file name>} when the destination ends with {@code /}. */
  private void putFile(Path file) {
    String name = destination.hasObject() && !destination.object().endsWith("/")
        ? destination.object() : destination.object() + file.getFileName();
    long size = size(file);
    if (!dryRun) {
      computeType = checksumTypeToCompute();
      try (Progress progress = transfer.progress(session, "PUT", size, 1)) {
        uploadWithRetries(new Upload(file, name, size), progress);
      }
    }
    session.out().println("PUT \"" + file.toAbsolutePath().normalize() + "\" => " + destination.bucket().uri() + "/" + name);
  }

  private void putDirectory(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new UncheckedIOException(new NoSuchFileException(dir.toString()));
    }
    putMany(walk(dir, destination.object() + sourceDirPrefix(dir)), 1);
  }

  /** Many files: the extension table, the question (unless -y), the uploads, {@code Done}. */
  private void putMany(List<Upload> uploads, int directories) {
    String prefix = destination.object();
    if (!prefix.isEmpty() && !prefix.endsWith("/")) {
      session.err().println("Warning: '" + prefix + "' will be used as the destination name prefix for all files "
          + (directories == 1 && list == null ? "from '" + (source.endsWith("/") ? source : source + "/") + "'"
              : "from [" + source + "]"));
    }
    if (uploads.isEmpty()) {
      throw new CommandFailedException("no files to PUT (check the source name; a directory's subdirectories need -r)");
    }
    long total = uploads.stream().mapToLong(Upload::size).sum();
    printExtensions(uploads, total);
    String where = directories == 0 ? ""
        : " (" + (directories == 1 ? "one directory" : directories + " directories") + ", "
            + (recursive ? "recursively" : "non-recursive") + ")";
    String caption = "PUT " + uploads.size() + (uploads.size() == 1 ? " file" : " files") + where + " => " + destination;
    if (dryRun) {
      session.out().println("[DRY RUN] " + caption);
      uploads.forEach(u -> session.out().println("PUT " + u.file() + " -> " + destination.bucket().uri() + "/" + u.name()));
      return;
    }
    if (total == 0 && !confirmation.confirm(session, "PUT: total size of all files is zero - proceed anyway?")) {
      return;
    }
    if (!confirmation.confirm(session, caption + "?")) {
      return;
    }
    computeType = checksumTypeToCompute();
    List<Workers.Failure<Upload>> failures;
    try (Progress progress = transfer.progress(session, "PUT", total, uploads.size())) {
      failures = Workers.run(uploads, transfer.workers(), upload -> {
        uploadWithRetries(upload, progress);
        if (verbose) {
          session.out().println("PUT \"" + upload.file() + "\" => " + destination.bucket().uri() + "/" + upload.name());
        }
      });
    }
    failures.forEach(f -> session.err().println("failed to put \"" + f.item().file() + "\": " + f.cause().getMessage()));
    if (!failures.isEmpty()) {
      throw new CommandFailedException("failed to PUT " + failures.size() + " of " + uploads.size() + " files");
    }
    session.out().println(confirmation.assumeYes() ? "\n" + caption : "Done");
  }

  /** The files of {@code dir} (and below, with {@code -r}) in path order, with their object names. */
  private List<Upload> walk(Path dir, String prefix) {
    List<Upload> uploads = new ArrayList<>();
    try {
      Files.walkFileTree(dir, java.util.EnumSet.noneOf(java.nio.file.FileVisitOption.class), recursive ? Integer.MAX_VALUE : 1,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
              if (attrs.isRegularFile()) {
                String relative = dir.relativize(file).toString().replace(java.io.File.separatorChar, '/');
                uploads.add(new Upload(file, prefix + relative, attrs.size()));
              }
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
              if (continueOnError) {
                session.err().println("Warning: skipping " + file + ": " + e.getMessage());
                return FileVisitResult.CONTINUE;
              }
              throw e;
            }
          });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    uploads.sort(Comparator.comparing(u -> u.file().toString()));
    return uploads;
  }

  /** The {@code Files to upload:} table of {@code ais put}: count and size per file extension. */
  private void printExtensions(List<Upload> uploads, long total) {
    Map<String, long[]> byExtension = new TreeMap<>();
    for (Upload upload : uploads) {
      String name = upload.file().getFileName().toString();
      int dot = name.lastIndexOf('.');
      long[] sum = byExtension.computeIfAbsent(dot < 0 ? "" : name.substring(dot), k -> new long[2]);
      sum[0]++;
      sum[1] += upload.size();
    }
    session.out().println("Files to upload:");
    Table table = Table.of("EXTENSION", "COUNT", "SIZE");
    byExtension.forEach((ext, sum) -> table.row(ext, sum[0], Sizes.format(sum[1])));
    table.row("TOTAL", uploads.size(), Sizes.format(total));
    table.print(session.out());
  }

  private String checksumTypeToCompute() {
    return checksum.compute() ? session.client().buckets().props(destination.bucket()).checksum().type() : null;
  }

  private void uploadWithRetries(Upload upload, Progress progress) {
    for (int attempt = 1; ; attempt++) {
      try {
        upload(destination.bucket(), upload, progress);
        if (attempt > 1) {
          session.out().println("[#" + attempt + "] " + upload.file() + " - done.");
        }
        return;
      } catch (RuntimeException e) {
        if (attempt > retries) {
          throw e;
        }
        session.err().println("[#" + attempt + "] " + upload.file() + ": " + e.getMessage() + " - retrying...");
      }
    }
  }

  /** Streams the file so the bar moves within large files; the proxy redirects before the body is sent. */
  private void upload(Bucket bucket, Upload upload, Progress progress) {
    PutOptions options = checksum.options(upload.file(), computeType);
    try (InputStream in = new Counting(Files.newInputStream(upload.file()), progress)) {
      session.client().objects().put(bucket, upload.name(), in, upload.size(), options);
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
