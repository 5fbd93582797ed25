package io.jais.loader;

import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./jais loader ...}: the command line of {@link Loader}. */
@Command(name = "jais loader", mixinStandardHelpOptions = true, sortOptions = false, usageHelpWidth = 100,
    version = "jais-loader 0.1.0",
    description = {
        "Load generator for JAIS / AIStore (native API) and S3 servers: the aisloader equivalent.",
        "Workers run GETs and PUTs for a duration or an operation count; a progress line every few",
        "seconds, then ops/s, MiB/s, latency percentiles and errors per operation. Content is derived",
        "from the object name, so --verify checks every read without keeping any data.", "",
        "Examples:",
        "  jais loader -b bench --pctput 100 --ops 1000 --names seq --objects 1000 -s 1MiB",
        "  jais loader -b bench -d 30s -w 16 --verify",
        "  jais loader --api s3 -e http://127.0.0.1:18081 -b bench -d 10s --pctput 50 -s 4KiB-1MiB", ""})
public final class Main implements Callable<Integer> {
  @Option(names = {"-e", "--endpoint"}, description = "proxy (native) or S3 endpoint (default: $AIS_ENDPOINT or http://127.0.0.1:8080)")
  String endpoint;

  @Option(names = {"-b", "--bucket"}, required = true, description = "bucket; created if missing")
  String bucket;

  @Option(names = "--api", defaultValue = "native", description = "native or s3 (default: ${DEFAULT-VALUE})")
  String api;

  @Option(names = {"-d", "--duration"}, description = "how long to run: 500ms, 30s, 2m (default: 10s unless --ops is given)")
  String duration;

  @Option(names = {"-n", "--ops"}, defaultValue = "0", description = "stop after this many operations (0: no limit)")
  long ops;

  @Option(names = {"-w", "--workers"}, defaultValue = "8", description = "concurrent workers (default: ${DEFAULT-VALUE})")
  int workers;

  @Option(names = "--pctput", defaultValue = "0", description = "percentage of PUTs, the rest are GETs (default: ${DEFAULT-VALUE})")
  int pctPut;

  @Option(names = {"-s", "--size"}, defaultValue = "1MiB", description = "object size for PUTs, or a range MIN-MAX (default: ${DEFAULT-VALUE})")
  String size;

  @Option(names = "--names", defaultValue = "random", description = "random or seq: how PUTs name objects and GETs pick them (default: ${DEFAULT-VALUE})")
  String names;

  @Option(names = "--prefix", defaultValue = "jl/", description = "object name prefix; also what --reuse lists (default: ${DEFAULT-VALUE})")
  String prefix;

  @Option(names = "--objects", defaultValue = "0", description = "PUTs cycle over this many names (overwrite) instead of new ones (0: no limit)")
  long distinct;

  @Option(names = "--reuse", negatable = true, defaultValue = "true", fallbackValue = "true",
      description = {"list the bucket under --prefix first so GETs read existing objects (default: on).",
          "--no-reuse --pctput 0 --objects N reads prefix0000000000..N-1 without any listing or",
          "bucket check (works against a plain HTTP server holding those paths)"})
  boolean reuse;

  @Option(names = "--verify", description = "check the content of every GET")
  boolean verify;

  @Option(names = "--cleanup", description = "delete the objects this run wrote (and the bucket if it created it)")
  boolean cleanup;

  @Option(names = "--interval", defaultValue = "5s", description = "progress line interval; 0 for none (default: ${DEFAULT-VALUE})")
  String interval;

  @Option(names = "--warmup", defaultValue = "0s", description = "run this long first without counting: JIT, connections (default: ${DEFAULT-VALUE})")
  String warmup;

  @Option(names = "--timeout", defaultValue = "60s", description = "per-request timeout (default: ${DEFAULT-VALUE})")
  String timeout;

  @Option(names = "--s3-access-key", description = "S3 access key (default: $AWS_ACCESS_KEY_ID or local-identity)")
  String accessKey;

  @Option(names = "--s3-secret-key", description = "S3 secret key (default: $AWS_SECRET_ACCESS_KEY or local-credential)")
  String secretKey;

  @Option(names = "--s3-region", defaultValue = "us-east-1", description = "S3 region for signing (default: ${DEFAULT-VALUE})")
  String region;

  public static void main(String[] args) {
    CommandLine cmd = new CommandLine(new Main());
    cmd.setExecutionExceptionHandler((e, c, p) -> {
      System.err.println("jais loader: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
      return e instanceof IllegalArgumentException || e instanceof IllegalStateException ? 2 : 1;
    });
    System.exit(cmd.execute(args));
  }

  LoaderConfig config() {
    String ep = endpoint != null ? endpoint
        : env("AIS_ENDPOINT", api.equals("s3") ? "http://127.0.0.1:18081" : "http://127.0.0.1:8080");
    Duration d = duration != null ? Sizes.parseDuration(duration) : ops > 0 ? null : Duration.ofSeconds(10);
    Duration progress = Sizes.parseDuration(interval);
    if (!names.equals("random") && !names.equals("seq") && !names.equals("sequential")) {
      throw new IllegalArgumentException("--names must be random or seq, not " + names);
    }
    return new LoaderConfig(api, ep, bucket, d, ops, workers, new Mix(pctPut), Sizes.Range.parse(size), prefix,
        !names.equals("random"), distinct, reuse, verify, cleanup, progress.isZero() ? null : progress,
        Sizes.parseDuration(timeout), accessKey != null ? accessKey : env("AWS_ACCESS_KEY_ID", "local-identity"),
        secretKey != null ? secretKey : env("AWS_SECRET_ACCESS_KEY", "local-credential"), region,
        Sizes.parseDuration(warmup));
  }

  private static String env(String name, String fallback) {
    String v = System.getenv(name);
    return v == null || v.isBlank() ? fallback : v;
  }

  @Override
  public Integer call() throws Exception {
    Summary summary = new Loader(config(), System.out).run();
    return summary.totalErrors() > 0 ? 3 : 0;
  }
}
