/**
 * How results look on a terminal: aligned tables, human-readable sizes and durations, JSON for
 * scripts and progress bars on standard error. Knows nothing of clusters or commands.
 */
package io.jais.cli.render;
