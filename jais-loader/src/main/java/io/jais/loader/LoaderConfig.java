package io.jais.loader;

import java.time.Duration;

/**
 * What a run does.
 *
 * @param duration how long to run; {@code null} for no time limit (then {@code maxOps} bounds it)
 * @param maxOps total operations to run; 0 for no limit
 * @param distinct PUTs cycle over this many names; 0 for fresh names
 * @param reuse list the bucket (under {@code prefix}) first so GETs read existing objects
 * @param cleanup delete what the run wrote (and the bucket if the run created it)
 * @param progress interval of the live progress line; {@code null} for none
 * @param warmup run this long first without counting (JIT, connections); {@code null} for none
 */
public record LoaderConfig(
    String api, String endpoint, String bucket, Duration duration, long maxOps, int workers, Mix mix,
    Sizes.Range size, String prefix, boolean sequential, long distinct, boolean reuse, boolean verify,
    boolean cleanup, Duration progress, Duration timeout, String s3AccessKey, String s3SecretKey,
    String s3Region, Duration warmup) {

  public LoaderConfig {
    if (workers < 1) {
      throw new IllegalArgumentException("--workers must be at least 1");
    }
    if (duration == null && maxOps <= 0) {
      throw new IllegalArgumentException("give a --duration or an operation count (--ops)");
    }
    if (!api.equals("native") && !api.equals("s3")) {
      throw new IllegalArgumentException("--api must be native or s3, not " + api);
    }
  }
}
