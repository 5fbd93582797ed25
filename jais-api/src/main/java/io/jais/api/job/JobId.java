package io.jais.api.job;

import java.security.SecureRandom;
import java.util.random.RandomGenerator;

/**
 * Job IDs in AIS's format: short random strings of letters, digits, {@code -} and {@code _}, at
 * least 9 characters, starting with a letter and not ending with {@code -} or {@code _}
 * (e.g. {@code Xk3-9aQz_b}). Rebalance IDs are {@code g<number>} and never produced here. IDs are
 * opaque to clients; nodes check them only for shape, so that a malformed ID is a 400 and never
 * reaches a file name or a log line unescaped.
 */
public final class JobId {
  /** Length of generated IDs: AIS's 9-character short IDs plus one, for margin against collisions. */
  public static final int LENGTH = 10;
  private static final int MAX_LENGTH = 32;
  private static final String LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
  private static final String ALPHABET = LETTERS + "0123456789-_";
  private static final String LAST = LETTERS + "0123456789";
  private static final RandomGenerator RANDOM = new SecureRandom();

  private JobId() {}

  /** A new random ID; 60 bits of randomness, so collisions are not a concern within a history. */
  public static String generate() {
    char[] id = new char[LENGTH];
    id[0] = LETTERS.charAt(RANDOM.nextInt(LETTERS.length()));
    for (int i = 1; i < LENGTH - 1; i++) {
      id[i] = ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length()));
    }
    id[LENGTH - 1] = LAST.charAt(RANDOM.nextInt(LAST.length()));
    return new String(id);
  }

  /**
   * True for the IDs AIS accepts: 1 to 32 characters of letters, digits, {@code -} and {@code _}
   * (shorter than AIS's generated 9 is tolerated: callers may ask for any ID they were given).
   */
  public static boolean isValid(String id) {
    if (id == null || id.isEmpty() || id.length() > MAX_LENGTH) {
      return false;
    }
    for (int i = 0; i < id.length(); i++) {
      if (ALPHABET.indexOf(id.charAt(i)) < 0) {
        return false;
      }
    }
    return true;
  }
}
