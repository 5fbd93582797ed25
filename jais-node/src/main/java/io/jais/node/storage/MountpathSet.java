package io.jais.node.storage;

import io.jais.api.error.ErrorCode;
import io.jais.api.error.JaisException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A target's mountpaths by state, as AIS keeps them: {@code enabled} ones hold objects (HRW
 * chooses among them), {@code disabled} ones are attached but hold nothing new, and
 * {@code draining} ones (disabled or detached) may still hold objects a resilver has yet to move
 * to their HRW mountpath. Immutable: every change is a new set; a change that changes nothing
 * returns this set.
 */
public record MountpathSet(List<Mountpath> enabled, List<Mountpath> disabled, List<Mountpath> draining) {
  public MountpathSet {
    enabled = List.copyOf(enabled);
    disabled = List.copyOf(disabled);
    draining = List.copyOf(draining);
  }

  static MountpathSet of(List<Mountpath> enabled) {
    return new MountpathSet(enabled, List.of(), List.of());
  }

  /**
   * Adds a new mountpath, enabled.
   *
   * @throws JaisException CONFLICT when it is attached already
   */
  MountpathSet attach(Mountpath mountpath) {
    if (find(enabled, mountpath.path()).isPresent() || find(disabled, mountpath.path()).isPresent()) {
      throw new JaisException(ErrorCode.CONFLICT, "mountpath " + mountpath.path() + " is already attached"
          + (find(disabled, mountpath.path()).isPresent() ? " (disabled: enable it)" : ""));
    }
    return new MountpathSet(plus(enabled, mountpath), disabled, minus(draining, mountpath.path()));
  }

  /** Removes a mountpath, enabled or disabled; {@code drain}: a resilver will move its objects off it. */
  MountpathSet detach(Path path, boolean drain) {
    Optional<Mountpath> on = find(enabled, path);
    Optional<Mountpath> off = find(disabled, path);
    Mountpath mountpath = on.or(() -> off).orElseThrow(() -> unknown(path));
    if (on.isPresent()) {
      requireAnother(path);
    }
    return new MountpathSet(minus(enabled, path), minus(disabled, path),
        drain && on.isPresent() ? plus(draining, mountpath) : draining);
  }

  /** Enables a disabled mountpath; an enabled one stays as it is. */
  MountpathSet enable(Path path) {
    if (find(enabled, path).isPresent()) {
      return this;
    }
    Mountpath mountpath = find(disabled, path).orElseThrow(() -> unknown(path));
    return new MountpathSet(plus(enabled, mountpath), minus(disabled, path), minus(draining, path));
  }

  /** Disables an enabled mountpath (a disabled one stays as it is); {@code drain} as for {@link #detach}. */
  MountpathSet disable(Path path, boolean drain) {
    if (find(disabled, path).isPresent()) {
      return this;
    }
    Mountpath mountpath = find(enabled, path).orElseThrow(() -> unknown(path));
    requireAnother(path);
    return new MountpathSet(minus(enabled, path), plus(disabled, mountpath),
        drain ? plus(draining, mountpath) : draining);
  }

  /** The set once a resilver has moved everything off {@code drained}. */
  MountpathSet drained(List<Mountpath> drained) {
    List<Mountpath> left = new ArrayList<>(draining);
    left.removeAll(drained);
    return new MountpathSet(enabled, disabled, left);
  }

  /** Everywhere an object may be while a resilver runs: the enabled mountpaths and the draining ones. */
  public List<Mountpath> searched() {
    List<Mountpath> all = new ArrayList<>(enabled);
    all.addAll(draining);
    return List.copyOf(all);
  }

  private void requireAnother(Path path) {
    if (enabled.size() == 1) {
      throw new JaisException(ErrorCode.CONFLICT, "mountpath " + path + " is the last enabled one: a target needs "
          + "at least one (attach or enable another first)");
    }
  }

  private static JaisException unknown(Path path) {
    return new JaisException(ErrorCode.NOT_FOUND, "mountpath " + path + " is not attached");
  }

  private static Optional<Mountpath> find(List<Mountpath> list, Path path) {
    return list.stream().filter(m -> m.path().equals(path)).findFirst();
  }

  private static List<Mountpath> plus(List<Mountpath> list, Mountpath mountpath) {
    List<Mountpath> next = new ArrayList<>(list);
    next.add(mountpath);
    return next;
  }

  private static List<Mountpath> minus(List<Mountpath> list, Path path) {
    return list.stream().filter(m -> !m.path().equals(path)).toList();
  }
}
