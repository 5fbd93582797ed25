package io.jais.node.target;

import io.jais.api.bucket.BucketProps;
import io.jais.api.error.JaisException;
import io.jais.node.cluster.ClusterState;
import io.jais.node.storage.ChecksumType;
import io.jais.node.storage.ObjectStore;
import io.jais.node.storage.PutOptions;
import io.jais.node.transport.InboundObject;
import io.jais.node.transport.ObjectHeader;
import io.jais.node.transport.ReceiveHandler;
import java.io.IOException;

/**
 * Stores objects other targets stream here ({@link #TRNAME}) as a PUT would: into a bucket this
 * node knows, with the bucket's checksum type, versioning and write policy, the header's custom
 * metadata, and the header's checksum (when it has one) checked against the bytes. The ack is OK
 * once the object is committed; a truncated body leaves nothing.
 *
 * <p>The object's version and times are this node's (a new version), as for a PUT: carrying the
 * sender's over is for the object service that will own receiving.
 */
public final class StreamedPutReceiver implements ReceiveHandler {
  /** The receive handler's name. */
  public static final String TRNAME = "put-object";

  private final ClusterState state;
  private final ObjectStore store;

  public StreamedPutReceiver(ClusterState state, ObjectStore store) {
    this.state = state;
    this.store = store;
  }

  @Override
  public void receive(InboundObject object) throws IOException {
    ObjectHeader header = object.header();
    if (object.headerOnly()) {
      throw JaisException.invalid(TRNAME + " stores objects: " + header.describe() + " came without a body");
    }
    BucketProps props = state.bmd().props(header.bucket())
        .orElseThrow(() -> JaisException.noSuchBucket(header.bucket()));
    PutOptions options = new PutOptions(ChecksumType.parse(props.checksum().type()), header.checksum(),
        header.custom(), props.writePolicy().fsyncData(), props.versioning().enabled());
    store.put(header.bucket(), header.objectName(), object.body(), options);
  }
}
