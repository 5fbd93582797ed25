package io.jais.node.http;

import io.jais.api.error.ErrorCode;
import io.jais.api.error.JaisException;

/**
 * Checks what nodes of the cluster prove about a request: who sent it (intra-cluster credentials)
 * or that a proxy redirected it (a signed redirect). The cluster package's {@code IntraAuth} does
 * the work; the composition root adapts it, as this package knows HTTP, not clusters.
 */
public interface IntraAuthenticator {
  /** Trusts nothing: for servers outside a cluster (tests of the HTTP layer). */
  IntraAuthenticator NONE = new IntraAuthenticator() {
    @Override
    public String authenticate(String method, String requestTarget, String header) {
      throw new JaisException(ErrorCode.UNAUTHORIZED, method + " " + requestTarget
          + ": this server takes no intra-cluster requests");
    }

    @Override
    public boolean verifiesRedirect(String method, String sentUri) {
      return false;
    }
  };

  /**
   * Returns the ID of the node that sent the request.
   *
   * @param header the credentials header, null when the request has none
   * @throws JaisException UNAUTHORIZED without credentials, FORBIDDEN with bad ones
   */
  String authenticate(String method, String requestTarget, String header);

  /** True when the request target carries a valid signature of a proxy's redirect for this method. */
  boolean verifiesRedirect(String method, String sentUri);
}
