package io.jais.node.daemon;

import io.jais.api.error.JaisException;
import io.jais.node.cluster.Election;
import io.jais.node.cluster.VoteRequest;
import io.jais.node.http.Request;
import io.jais.node.http.Response;
import java.io.IOException;

/** The control-port routes of primary election (nodes only): votes, and requests to run. */
public final class VoteHandler {
  private final Election election;

  public VoteHandler(Election election) {
    this.election = election;
  }

  /** {@code POST /v1/vote/proxy}: this node's vote on a candidate, with its metadata. */
  public Response vote(Request request) throws IOException {
    return Response.json(election.vote(parse(request)));
  }

  /** {@code PUT /v1/vote/init} (proxies): run for primary when next in line; answers with our map. */
  public Response runFor(Request request) throws IOException {
    return Response.json(election.runFor(parse(request)));
  }

  private static VoteRequest parse(Request request) throws IOException {
    request.requireIntraCaller();
    VoteRequest vote = request.bodyJson(VoteRequest.class);
    if (vote == null || vote.candidate() == null || vote.primary() == null) {
      throw JaisException.invalid("vote: candidate and primary are required");
    }
    return vote;
  }
}
