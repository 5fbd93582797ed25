/**
 * The {@code jais} command line: {@link io.jais.cli.Main} builds the picocli command tree (one
 * package per noun, as the AIS {@code ais} CLI is organized), the {@link io.jais.cli.Session} the
 * commands share, and the single place that turns failures into one line and an exit status.
 * Talks to clusters only through {@code jais-client}.
 */
package io.jais.cli;
