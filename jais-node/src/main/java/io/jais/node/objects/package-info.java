/**
 * The target's one object service ({@link io.jais.node.objects.ObjectService}): every read and
 * write of a bucket's objects on a target goes through it, whoever asks (the native and S3 front
 * doors, peers, jobs). It applies the bucket's properties, finds objects that are not where HRW
 * places them and moves them there, and tells listeners about every commit. Above {@code storage}
 * and {@code cluster}; never sees HTTP requests.
 */
package io.jais.node.objects;
