package io.jais.node.http;

/**
 * Writes a {@link Failure} in the dialect of a front door: AIS JSON for the native API ({@link
 * AisErrorRenderer}), XML for S3. Chosen per route, so each API keeps its own error format.
 */
@FunctionalInterface
public interface ErrorRenderer {
  Response render(Failure failure);
}
