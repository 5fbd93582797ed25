package io.jais.node.storage;

import io.jais.api.bucket.Bucket;

/** An object's identity on this target: bucket plus name. */
record ObjectKey(Bucket bucket, String name) {
  String uname() {
    return bucket.uname(name);
  }
}
