/**
 * Jobs (AIS "xactions") on a node: the framework every job kind runs on.
 *
 * <ul>
 *   <li>{@link io.jais.node.job.Job}: one run of a kind on one node. A kind subclasses it and
 *       implements {@code execute()}; the base class keeps start and end times, counters (AIS's
 *       objects/bytes processed, sent and received, plus errors and the kind's own categories),
 *       errors, cooperative abort, demand-job idling, the snapshot, and a bounded parallel
 *       {@code forEach} on virtual threads (one per mountpath for disk walks, {@code num-workers}
 *       for object lists).</li>
 *   <li>{@link io.jais.node.job.Jobs}: the node's registry: starts jobs (idempotent by ID), stops
 *       them, answers snapshots and {@code kind[id]} of running ones, keeps finished jobs within a
 *       count and an age, and journals everything to {@code <meta_dir>/jobs.json} (written
 *       atomically), so that after a restart finished jobs still answer and a job cut short shows
 *       as aborted ("node restarted"), never as running forever.</li>
 *   <li>{@link io.jais.node.job.JobKinds}: kind name to factory. The kinds' static facts (display
 *       name, demand or terminal, whether a proxy tracks a cluster-wide status) are in
 *       {@link io.jais.api.job.JobKind}.</li>
 *   <li>{@link io.jais.node.job.JobHandler}: a target's internal routes under
 *       {@code /v1/internal/jobs}, which proxies call (start with one cluster-wide ID, stop,
 *       query). The proxy side is {@code io.jais.node.proxy.JobCoordinator}.</li>
 * </ul>
 *
 * <p><b>Adding a job kind.</b>
 * <ol>
 *   <li>If AIS has the kind, it is already in {@link io.jais.api.job.JobKind}'s table; otherwise
 *       add one line there (kind, display name, scope, startable by kind, demand, status tracked).</li>
 *   <li>Write one class in {@code io.jais.node.job.kind} that extends {@link io.jais.node.job.Job}:
 *       parse and check the start message's parameters in the constructor (throw a 4xx
 *       {@code JaisException}: nothing starts), do the work in {@code execute()}, checking
 *       {@code isAborted()} between objects and writing objects only through the store's atomic
 *       commit; count with {@code counters()}, report failed objects with {@code fail(..)}.</li>
 *   <li>Add one line to {@code io.jais.node.job.kind.TargetJobKinds}: {@code .add(KIND, start ->
 *       new MyJob(start, target))}.</li>
 * </ol>
 * If users start it by kind ({@code PUT /v1/cluster} {@code start}), nothing else is needed; a
 * kind with its own request (like {@code delete-listrange}) also needs that route on the proxy,
 * which calls {@code JobCoordinator.start}.
 */
package io.jais.node.job;
