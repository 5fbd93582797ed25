package io.jais.loader;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Object names: what PUTs write ({@link #nextPut}) and what GETs read ({@link #nextGet}, from the
 * objects listed at the start plus those written since). Thread-safe.
 *
 * <ul>
 *   <li>{@code sequential}: PUTs write {@code prefix0000000000}, {@code prefix0000000001}, ... and
 *       GETs go round-robin over the known objects in the order they became known;
 *   <li>{@code random}: PUTs write random names ({@code prefix} + 16 hex digits) and GETs pick a
 *       known object uniformly.
 * </ul>
 *
 * With {@code distinct > 0} PUTs cycle over that many names ({@code prefix} + index), so a long
 * run overwrites instead of growing the bucket.
 */
public final class Names {
  private final String prefix;
  private final boolean sequential;
  private final long distinct;
  private final AtomicLong putCounter = new AtomicLong();
  private final AtomicLong getCounter = new AtomicLong();
  private final Set<String> seen = ConcurrentHashMap.newKeySet();
  private final List<String> known = new ArrayList<>();
  private final List<String> written = new ArrayList<>();

  public Names(String prefix, boolean sequential, long distinct) {
    this.prefix = prefix;
    this.sequential = sequential;
    this.distinct = distinct;
  }

  /** The name of the next object to write. */
  public String nextPut(SplittableRandom random) {
    if (distinct > 0) {
      long i = sequential ? Math.floorMod(putCounter.getAndIncrement(), distinct) : random.nextLong(distinct);
      return indexed(i);
    }
    if (sequential) {
      return indexed(putCounter.getAndIncrement());
    }
    return prefix + hex16(random.nextLong());
  }

  String indexed(long i) {
    String digits = Long.toString(i);
    StringBuilder sb = new StringBuilder(prefix.length() + Math.max(10, digits.length())).append(prefix);
    for (int pad = 10 - digits.length(); pad > 0; pad--) {
      sb.append('0');
    }
    return sb.append(digits).toString();
  }

  private static String hex16(long v) {
    char[] c = new char[16];
    for (int i = 15; i >= 0; i--) {
      c[i] = Character.forDigit((int) (v & 0xf), 16);
      v >>>= 4;
    }
    return new String(c);
  }

  /** Adds objects that exist already (from a listing) to the ones GETs read. */
  public void addExisting(Collection<String> names) {
    for (String name : names) {
      if (seen.add(name)) {
        synchronized (known) {
          known.add(name);
        }
      }
    }
  }

  /** Records a successful PUT: the object becomes readable (once) and is cleaned up later. */
  public void written(String name) {
    if (seen.add(name)) {
      synchronized (known) {
        known.add(name);
        written.add(name);
      }
    }
  }

  /** The name of the next object to read, or {@code null} when none is known yet. */
  public String nextGet(SplittableRandom random) {
    synchronized (known) {
      int n = known.size();
      if (n == 0) {
        return null;
      }
      int i = sequential ? (int) Math.floorMod(getCounter.getAndIncrement(), (long) n) : random.nextInt(n);
      return known.get(i);
    }
  }

  public int knownCount() {
    synchronized (known) {
      return known.size();
    }
  }

  /** The objects this run wrote (first writes only), for cleanup. */
  public List<String> written() {
    synchronized (known) {
      return List.copyOf(written);
    }
  }
}
