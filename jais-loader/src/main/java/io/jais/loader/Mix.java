package io.jais.loader;

import java.util.SplittableRandom;

/** The read/write mix: each operation is a PUT with probability {@code pctPut}/100, else a GET. */
public record Mix(int pctPut) {
  public enum Op { GET, PUT }

  public Mix {
    if (pctPut < 0 || pctPut > 100) {
      throw new IllegalArgumentException("--pctput must be 0..100, not " + pctPut);
    }
  }

  public Op next(SplittableRandom random) {
    if (pctPut == 0) {
      return Op.GET;
    }
    if (pctPut == 100) {
      return Op.PUT;
    }
    return random.nextInt(100) < pctPut ? Op.PUT : Op.GET;
  }
}
