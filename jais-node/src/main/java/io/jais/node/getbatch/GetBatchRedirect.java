package io.jais.node.getbatch;

import io.jais.api.QueryParam;
import io.jais.api.batch.MossIn;
import io.jais.api.batch.MossReq;
import io.jais.api.bucket.Bucket;
import io.jais.api.cluster.Smap;
import io.jais.api.cluster.Snode;
import io.jais.api.error.ErrorCode;
import io.jais.api.error.JaisException;
import io.jais.node.cluster.ClusterState;
import io.jais.node.cluster.IntraAuth;
import io.jais.node.http.BucketParams;
import io.jais.node.http.Request;
import io.jais.node.http.Response;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The proxy's {@code GET /v1/ml/moss[/<bucket>]}: checks the request (buckets exist, entries are
 * well-formed) and redirects it (307, signed, the body to be sent again) to the target that will
 * assemble the batch: a random one, or with {@code coloc=1} the one owning most of the entries.
 * The SDK follows the redirect with the same body, as it does for AIS.
 */
public final class GetBatchRedirect {
  private final ClusterState state;
  private final IntraAuth auth;

  public GetBatchRedirect(ClusterState state, IntraAuth auth) {
    this.state = state;
    this.auth = auth;
  }

  public Response redirectAll(Request request) throws Exception {
    return redirect(request, null);
  }

  public Response redirectOfBucket(Request request) throws Exception {
    return redirect(request, BucketParams.of(request));
  }

  private Response redirect(Request request, Bucket pathBucket) throws Exception {
    MossReq req = request.bodyJson(MossReq.class);
    if (req == null) {
      throw JaisException.invalid("get-batch: missing request body (MossReq)");
    }
    BatchPlan plan = BatchPlan.of(req, pathBucket, state.bmd());
    Smap smap = state.smap();
    List<Snode> targets = smap.activeTargets();
    if (targets.isEmpty()) {
      throw new JaisException(ErrorCode.UNAVAILABLE, "get-batch: the cluster has no active targets");
    }
    Snode assembler = colocated(request, req) ? mostEntries(plan, targets)
        : targets.get(ThreadLocalRandom.current().nextInt(targets.size()));
    String raw = request.rawUri();
    String location = assembler.url() + raw + (raw.indexOf('?') < 0 ? '?' : '&') + QueryParam.PROXY_ID + "="
        + state.self().id() + "&" + QueryParam.REDIRECT_TIME + "=" + Long.toString(System.currentTimeMillis() * 1_000_000L, 36);
    return Response.redirect(307, auth.signRedirect("GET", location));
  }

  /** {@code coloc} in the query (any non-numeric value counts as target-aware, as some SDKs send the enum's name) or the body. */
  private static boolean colocated(Request request, MossReq req) {
    String coloc = request.query("coloc");
    if (coloc != null && !coloc.isEmpty()) {
      try {
        int level = Integer.parseInt(coloc);
        if (level < 0 || level > 2) {
          throw JaisException.invalid("invalid 'coloc=" + coloc + "' (expecting 0, 1, or 2)");
        }
        return level > 0;
      } catch (NumberFormatException e) {
        return true;
      }
    }
    return req.colocation() > 0;
  }

  private static Snode mostEntries(BatchPlan plan, List<Snode> targets) {
    Map<Snode, Integer> counts = new HashMap<>();
    Snode best = targets.getFirst();
    int bestCount = 0;
    List<MossIn> in = plan.req().in();
    for (int i = 0; i < in.size(); i++) {
      Snode owner = Smap.owner(targets, plan.buckets().get(i), in.get(i).objname());
      int count = counts.merge(owner, 1, Integer::sum);
      if (count > bestCount) {
        best = owner;
        bestCount = count;
      }
    }
    return best;
  }
}
