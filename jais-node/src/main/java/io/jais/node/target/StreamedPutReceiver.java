package io.jais.node.target;

import io.jais.api.error.JaisException;
import io.jais.node.objects.Caller;
import io.jais.node.objects.ObjectService;
import io.jais.node.objects.PutArgs;
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
 * <p>It is a put through the {@link ObjectService}, told that a peer sends it: the object's version
 * and times are this node's (a new version), as for a PUT. Transfers that keep the sender's
 * metadata (rebalance, mirroring) use {@link ObjectService#putReplica} in their own handlers.
 */
public final class StreamedPutReceiver implements ReceiveHandler {
  /** The receive handler's name. */
  public static final String TRNAME = "put-object";

  private final ObjectService objects;

  public StreamedPutReceiver(ObjectService objects) {
    this.objects = objects;
  }

  @Override
  public void receive(InboundObject object) throws IOException {
    ObjectHeader header = object.header();
    if (object.headerOnly()) {
      throw JaisException.invalid(TRNAME + " stores objects: " + header.describe() + " came without a body");
    }
    objects.put(header.bucket(), header.objectName(), object.body(), PutArgs.of(header.checksum(), header.custom()),
        Caller.peer(object.senderId()));
  }
}
