package io.jais.node.job;

import io.jais.api.error.ErrorCode;
import io.jais.api.error.JaisException;
import io.jais.api.job.JobKind;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The kinds a node can run: a factory per kind (wire name). A kind AIS knows but this node has no
 * factory for is "not implemented" (501); a kind nobody knows is invalid (400).
 */
public final class JobKinds {
  /** Creates a job from its start message; throws a 4xx {@link JaisException} for bad parameters. */
  @FunctionalInterface
  public interface Factory {
    Job create(JobStart start);
  }

  private final Map<String, Factory> factories;

  private JobKinds(Map<String, Factory> factories) {
    this.factories = Map.copyOf(factories);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Assembles the table; each kind once. */
  public static final class Builder {
    private final Map<String, Factory> factories = new LinkedHashMap<>();

    private Builder() {}

    public Builder add(String kind, Factory factory) {
      JobKind.of(kind); // only kinds of the table
      if (factories.putIfAbsent(kind, factory) != null) {
        throw new IllegalArgumentException("job kind " + kind + " registered twice");
      }
      return this;
    }

    public JobKinds build() {
      return new JobKinds(factories);
    }
  }

  /**
   * The job a start message asks for.
   *
   * @throws JaisException 400 for an unknown kind or bad parameters, 501 for a kind this node does not run
   */
  Job create(JobStart start) {
    JobKind kind = resolve(start.kind());
    Factory factory = factories.get(kind.kind());
    if (factory == null) {
      throw new JaisException(ErrorCode.NOT_IMPLEMENTED, "job kind \"" + kind.kind() + "\" is not implemented in JAIS yet");
    }
    return factory.create(start);
  }

  /** The kind of a wire or display name; 400 when there is no such kind. */
  public static JobKind resolve(String kindOrName) {
    return JobKind.find(kindOrName).orElseThrow(() -> JaisException.invalid("invalid job kind \"" + kindOrName + "\""));
  }

  /** The kinds this node runs (wire names). */
  public Set<String> kinds() {
    return factories.keySet();
  }
}
