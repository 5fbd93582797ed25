package io.jais.node.objects;

import io.jais.node.storage.ObjectMeta;

/** A copy of an object that another target holds on its own disks, as it answered a lookup. */
record PeerCopy(String targetId, ObjectMeta meta) {}
