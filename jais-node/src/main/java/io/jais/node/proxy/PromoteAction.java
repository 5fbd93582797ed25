package io.jais.node.proxy;

import io.jais.api.ActMsg;
import io.jais.api.bucket.Bucket;
import io.jais.api.error.ErrorCode;
import io.jais.api.error.JaisException;
import io.jais.api.job.JobKind;
import io.jais.api.json.WireJson;
import io.jais.api.object.PromoteArgs;
import io.jais.node.cluster.ClusterState;
import io.jais.node.http.Response;
import io.jais.node.job.JobStart;

/**
 * {@code POST /v1/objects/<b>} {@code promote}: checks the arguments (the source is an absolute
 * path under AIS's promote root, the named target exists), then runs a {@code promote} job on
 * every target (each decides from the arguments which files are its to promote) and answers the
 * job's ID. A source no participating target has is refused by the targets: 404, nothing started.
 * AIS promotes up to 16 files of a non-shared source without a job (answering no ID); JAIS always
 * runs the job, which clients wait for the same way.
 */
final class PromoteAction {
  private final ClusterState state;
  private final JobCoordinator jobs;

  PromoteAction(ClusterState state, JobCoordinator jobs) {
    this.state = state;
    this.jobs = jobs;
  }

  Response promote(Bucket bucket, ActMsg msg) throws InterruptedException {
    if (!state.bmd().contains(bucket)) {
      throw JaisException.noSuchBucket(bucket);
    }
    PromoteArgs given = msg.hasValue() ? WireJson.convert(msg.value(), PromoteArgs.class)
        : new PromoteArgs("", "", "", false, false, false, false);
    PromoteArgs args = given.validated(msg.name());
    if (!args.targetId().isEmpty() && !state.smap().targets().containsKey(args.targetId())) {
      throw new JaisException(ErrorCode.NOT_FOUND, "promote failure: target " + args.targetId()
          + " is not in the cluster map");
    }
    return Response.text(jobs.start(JobStart.onBucket("", JobKind.PROMOTE, bucket, args)));
  }
}
