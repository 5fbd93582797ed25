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
 * answers in the targets' order. The first failure fails the whole call with its own cause, so a
 * target's 404 reaches the client as a 404.
 */
final class TargetFanout {
  private TargetFanout() {}

  static <T> List<T> callAll(List<Snode> targets, Function<Snode, Callable<T>> call) throws Exception {
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<T>> calls = new ArrayList<>(targets.size());
      for (Snode target : targets) {
        calls.add(pool.submit(call.apply(target)));
      }
      List<T> answers = new ArrayList<>(calls.size());
      for (Future<T> answer : calls) {
        answers.add(answer.get());
      }
      return answers;
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    }
  }
}
