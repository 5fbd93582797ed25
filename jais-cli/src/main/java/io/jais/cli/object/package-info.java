/**
 * Objects: put and get (single files, whole directories with parallel workers, standard input
 * and output), show, cat and remove; {@code jais object ...} and the AIS shortcuts
 * {@code put}, {@code get}, {@code rmo}.
 */
package io.jais.cli.object;
