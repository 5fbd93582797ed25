package io.jais.node.storage;

/**
 * An object opened for a GET through the {@link DescriptorCache}: the metadata of the version the
 * descriptor shows, and one reference to that descriptor, which the caller releases (once) when
 * the bytes are sent or the response is abandoned.
 */
public record SharedObject(ObjectMeta meta, SharedFile file) {}
