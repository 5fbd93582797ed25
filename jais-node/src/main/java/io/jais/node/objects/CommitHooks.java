package io.jais.node.objects;

import io.jais.api.bucket.Bucket;
import io.jais.node.storage.ObjectMeta;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link CommitListener}s of one target and the calls to them. Registration is rare and
 * firing frequent, hence a copy-on-write list; with no listener a commit costs one empty loop.
 */
final class CommitHooks {
  private static final Logger log = LoggerFactory.getLogger(CommitHooks.class);

  private final List<CommitListener> listeners = new CopyOnWriteArrayList<>();

  void add(CommitListener listener) {
    listeners.add(java.util.Objects.requireNonNull(listener, "listener"));
  }

  boolean remove(CommitListener listener) {
    return listeners.remove(listener);
  }

  /** Tells every listener; a failing one is logged and does not stop the others. */
  void fire(ObjectEvent.Kind kind, Bucket bucket, String name, ObjectMeta meta, Caller caller) {
    if (listeners.isEmpty()) {
      return;
    }
    ObjectEvent event = new ObjectEvent(kind, bucket, name, meta, caller);
    for (CommitListener listener : listeners) {
      try {
        listener.committed(event);
      } catch (RuntimeException e) {
        log.warn("commit listener {} failed on {} of {}/{}: {}", listener, kind, bucket.uri(), name, e.toString(), e);
      }
    }
  }
}
