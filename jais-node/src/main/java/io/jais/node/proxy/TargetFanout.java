package io.jais.node.proxy;

import io.jais.api.cluster.Snode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Asks several targets the same question at once, one virtual thread each, and returns their
 * answers in the targets' order. {@link #callAll} fails the whole call with the first failure's
 * own cause, so a target's 404 reaches the client as a 404; {@link #askAll} keeps every target's
 * answer or failure, for callers that report what is known. Each call brings its own timeout
 * (the intra-cluster client's), so neither can hang on a silent target.
 */
final class TargetFanout {
  private TargetFanout() {}

  /** One target's answer, or why there is none. */
  record Outcome<T>(Snode target, T value, Exception failure) {
    boolean ok() {
      return failure == null;
    }
  }

  static <T> List<T> callAll(List<Snode> targets, Function<Snode, Callable<T>> call) throws Exception {
    List<T> answers = new ArrayList<>(targets.size());
    for (Outcome<T> outcome : askAll(targets, call)) {
      if (!outcome.ok()) {
        throw outcome.failure();
      }
      answers.add(outcome.value());
    }
    return answers;
  }

  static <T> List<Outcome<T>> askAll(List<Snode> targets, Function<Snode, Callable<T>> call) throws InterruptedException {
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<T>> calls = new ArrayList<>(targets.size());
      for (Snode target : targets) {
        calls.add(pool.submit(call.apply(target)));
      }
      List<Outcome<T>> outcomes = new ArrayList<>(calls.size());
      for (int i = 0; i < calls.size(); i++) {
        try {
          outcomes.add(new Outcome<>(targets.get(i), calls.get(i).get(), null));
        } catch (ExecutionException e) {
          Exception cause = e.getCause() instanceof Exception c ? c : e;
          outcomes.add(new Outcome<>(targets.get(i), null, cause));
        }
      }
      return outcomes;
    }
  }
}
