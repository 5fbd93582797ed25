package io.jais.node.meta;

import io.jais.api.Versioned;
import io.jais.api.error.ErrorCode;
import io.jais.api.error.JaisException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiConsumer;
import java.util.function.UnaryOperator;

/**
 * Holds the newest version of one replicated document (Smap, BMD, config) on one node.
 *
 * <p>Design notes. Readers call {@link #get()} and never lock: documents are immutable. Writers
 * serialize on one lock and follow lock → derive → persist → publish → notify: the primary derives
 * version N+1 from N with {@link #update}; every other node takes versions pushed by the primary
 * with {@link #accept}, which refuses older or equal versions and documents of another cluster
 * (different UUID). A document is persisted before it is published, so a node that crashes after
 * acknowledging a version comes back with it.
 */
public final class MetaOwner<T extends Versioned<T>> {
  private final AtomicReference<T> current;
  private final MetaStore<T> store;
  private final ReentrantLock writeLock = new ReentrantLock();
  private final List<BiConsumer<T, T>> listeners = new CopyOnWriteArrayList<>();

  public MetaOwner(T initial, MetaStore<T> store) {
    this.current = new AtomicReference<>(initial);
    this.store = store;
  }

  /** Loads the persisted version, or starts from {@code empty}. */
  public static <T extends Versioned<T>> MetaOwner<T> load(MetaStore<T> store, T empty) throws IOException {
    return new MetaOwner<>(store.load().orElse(empty), store);
  }

  public T get() {
    return current.get();
  }

  /** Called with (old, new) after every published change, on the changing thread. */
  public void onChange(BiConsumer<T, T> listener) {
    listeners.add(listener);
  }

  /**
   * Primary only: derives the next version from the current one, persists and publishes it.
   * Returns the current document unchanged when {@code change} returns the same instance.
   */
  public T update(String clusterUuid, UnaryOperator<T> change) {
    writeLock.lock();
    try {
      T old = current.get();
      T changed = change.apply(old);
      if (changed == old) {
        return old;
      }
      T next = changed.withVersion(clusterUuid, old.version() + 1);
      publish(old, next);
      return next;
    } finally {
      writeLock.unlock();
    }
  }

  /**
   * Takes a version pushed by the primary: true when it was newer and is now current.
   *
   * @throws JaisException CONFLICT when the document belongs to another cluster
   */
  public boolean accept(T incoming) {
    writeLock.lock();
    try {
      T old = current.get();
      if (!old.uuid().isEmpty() && !incoming.uuid().isEmpty() && !old.uuid().equals(incoming.uuid())) {
        throw new JaisException(ErrorCode.CONFLICT, incoming.kind() + " v" + incoming.version()
            + " belongs to cluster " + incoming.uuid() + ", this node is in cluster " + old.uuid());
      }
      if (incoming.version() <= old.version()) {
        return false;
      }
      publish(old, incoming);
      return true;
    } finally {
      writeLock.unlock();
    }
  }

  private void publish(T old, T next) {
    try {
      store.save(next);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot persist " + next.kind() + " v" + next.version(), e);
    }
    current.set(next);
    for (BiConsumer<T, T> listener : listeners) {
      listener.accept(old, next);
    }
  }
}
