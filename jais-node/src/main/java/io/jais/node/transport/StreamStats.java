package io.jais.node.transport;

/**
 * Counters of one node's streams since start, for metrics and tests.
 *
 * @param connectionsAccepted inbound connections that passed the handshake
 * @param connectionsRefused inbound connections closed in the handshake (wrong secret, bad hello,
 *     wrong node, clock skew, timeout)
 * @param protocolErrors inbound connections closed for a malformed frame
 * @param objectsReceived objects whose handler was called or which were refused with an error ack
 * @param bytesReceived body bytes received
 * @param errorAcksSent error acks sent (handler errors, unknown trnames, refused headers)
 * @param receivePauses times a connection stopped being read because its handlers fell behind
 * @param peakQueuedBytes the most body bytes ever queued for handlers on one connection
 * @param connects outbound connections established (handshake done)
 * @param connectFailures outbound connection attempts that failed
 * @param objectsSent objects written completely
 * @param bytesSent body bytes written
 * @param acksOk sends completed with an OK ack
 * @param acksError sends completed with an error ack
 * @param transfersFailed sends that failed without an ack (peer unreachable, connection lost, ack
 *     too late)
 * @param sendWaits times a sender waited for its connection to drain or for an ack
 */
public record StreamStats(
    long connectionsAccepted,
    long connectionsRefused,
    long protocolErrors,
    long objectsReceived,
    long bytesReceived,
    long errorAcksSent,
    long receivePauses,
    long peakQueuedBytes,
    long connects,
    long connectFailures,
    long objectsSent,
    long bytesSent,
    long acksOk,
    long acksError,
    long transfersFailed,
    long sendWaits) {}
