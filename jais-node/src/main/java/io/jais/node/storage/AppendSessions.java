package io.jais.node.storage;

import io.jais.api.bucket.Bucket;
import io.jais.api.error.ErrorCode;
import io.jais.api.error.JaisException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * AIS append/flush (docs/native-api.md#objects). The first append (empty handle) creates a workfile
 * seeded with
 * the current object, if any, and returns a handle; later appends add to it; flush commits it
 * like a PUT. Readers see the old object until flush.
 *
 * <p>A handle is 32 random hex digits that only names an in-memory session: it is never part of a
 * path, so a forged handle cannot reach the filesystem. Sessions live in memory only; after a
 * restart their workfiles are removed by {@code cleanupWorkfiles} and the handles are unknown.
 */
final class AppendSessions {
  private static final Logger log = LoggerFactory.getLogger(AppendSessions.class);
  private static final int HANDLE_BYTES = 16;
  // unguessable: a handle is all it takes to add bytes to someone else's pending object
  private static final SecureRandom RANDOM = new SecureRandom();

  private final ObjectFiles files;
  private final ConcurrentHashMap<String, Session> sessions = new ConcurrentHashMap<>();

  private static final class Session {
    final String handle;
    final ObjectKey key;
    final Fqn fqn;
    final Path workPath;
    final ReentrantLock lock = new ReentrantLock();
    volatile long lastUsedNanos = System.nanoTime();
    boolean closed; // guarded by lock

    Session(String handle, ObjectKey key, Fqn fqn, Path workPath) {
      this.handle = handle;
      this.key = key;
      this.fqn = fqn;
      this.workPath = workPath;
    }
  }

  AppendSessions(ObjectFiles files) {
    this.files = files;
  }

  /** Appends the body; returns the session's handle. */
  String append(ObjectKey key, String handle, ByteBufSource body) throws IOException {
    if (handle == null || handle.isEmpty()) {
      return start(key, body);
    }
    Session session = find(key, handle);
    session.lock.lock();
    try {
      ensureOpen(session);
      try (WorkFile work = WorkFile.reopen(session.workPath)) {
        work.committed(); // the session owns the file whatever happens here
        long before = work.size();
        try {
          work.write(body, List.of());
        } catch (IOException | RuntimeException e) {
          work.channel().truncate(before); // a failed append adds nothing
          throw e;
        }
      }
      session.lastUsedNanos = System.nanoTime();
      return session.handle;
    } finally {
      session.lock.unlock();
    }
  }

  private String start(ObjectKey key, ByteBufSource body) throws IOException {
    Fqn fqn = files.fqn(key);
    try (WorkFile work = WorkFile.create(fqn.workDir())) {
      seed(key, work);
      work.write(body, List.of());
      work.closeChannel();
      Session session = new Session(newHandle(), key, fqn, work.path());
      sessions.put(session.handle, session);
      work.committed();
      return session.handle;
    }
  }

  private void seed(ObjectKey key, WorkFile work) throws IOException {
    try (OpenedObject existing = files.open(key, false)) {
      work.copyFrom(existing.channel(), existing.meta().size());
    } catch (JaisException e) {
      if (e.code() != ErrorCode.OBJECT_NOT_FOUND) {
        throw e;
      }
    }
  }

  /**
   * Commits the session's content as the new object; the handle is then gone, also on failure.
   * Custom metadata: {@code options.custom()} when non-empty, else the current object's.
   */
  ObjectMeta flush(ObjectKey key, String handle, PutOptions options) throws IOException {
    Session session = find(key, handle);
    session.lock.lock();
    try {
      ensureOpen(session);
      session.closed = true;
      sessions.remove(session.handle);
      try (WorkFile work = WorkFile.reopen(session.workPath)) {
        Checksum checksum = work.checksum(options.checksumType());
        if (!options.expected().isNone()) {
          Checksum actual = options.expected().type().sameValueAs(checksum.type())
              ? checksum : work.checksum(options.expected().type());
          ObjectFiles.verifyExpected(key, options.expected(), actual);
        }
        if (options.fsync()) {
          work.fsync();
        }
        long now = files.nowNanos();
        Map<String, String> custom = options.custom().isEmpty()
            ? files.head(key).map(ObjectMeta::custom).orElse(Map.of()) : options.custom();
        ObjectMeta meta = new ObjectMeta(work.size(), checksum, "", now, now, custom, List.of());
        return files.commit(key, session.fqn, work, meta, CommitMode.of(options.versioning()), options.fsync());
      }
    } finally {
      session.lock.unlock();
    }
  }

  /** True when an open session appends to this workfile (cleanup must not remove it). */
  boolean holds(Path workfile) {
    for (Session session : sessions.values()) {
      if (session.workPath.equals(workfile)) {
        return true;
      }
    }
    return false;
  }

  /** Drops sessions unused for longer than {@code idle}; returns how many. */
  int abortIdle(Duration idle) {
    long now = System.nanoTime();
    return abortIf(session -> now - session.lastUsedNanos > idle.toNanos());
  }

  /** Drops the sessions of a bucket (destroyed). */
  int abortBucket(Bucket bucket) {
    return abortIf(session -> session.key.bucket().equals(bucket));
  }

  private int abortIf(Predicate<Session> condition) {
    int aborted = 0;
    for (Session session : sessions.values()) {
      if (!condition.test(session) || !session.lock.tryLock()) {
        continue; // busy sessions are not idle
      }
      try {
        if (!session.closed) {
          session.closed = true;
          sessions.remove(session.handle);
          Files.deleteIfExists(session.workPath);
          aborted++;
        }
      } catch (IOException e) {
        log.warn("cannot remove append workfile {}: {}", session.workPath, e.toString());
      } finally {
        session.lock.unlock();
      }
    }
    return aborted;
  }

  private Session find(ObjectKey key, String handle) {
    if (handle == null || handle.length() != 2 * HANDLE_BYTES || !handle.chars().allMatch(HexFormat::isHexDigit)) {
      throw new JaisException(ErrorCode.INVALID_ARGUMENT, "invalid append handle \"" + handle + "\"");
    }
    Session session = sessions.get(handle);
    if (session == null || !session.key.equals(key)) {
      throw unknown(handle);
    }
    return session;
  }

  private static void ensureOpen(Session session) {
    if (session.closed) {
      throw unknown(session.handle);
    }
  }

  private static JaisException unknown(String handle) {
    return new JaisException(ErrorCode.INVALID_ARGUMENT,
        "unknown append handle \"" + handle + "\" (flushed, expired, or for another object)");
  }

  private static String newHandle() {
    byte[] bytes = new byte[HANDLE_BYTES];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }
}
