package io.jais.node.getbatch;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Opens the entries of a batch a few ahead of the one being copied, each on a virtual thread, so
 * that entries on other targets are requested in parallel while earlier ones are sent; entries are
 * still handed out strictly in request order. At most {@value #WINDOW} are open ahead: an open
 * remote entry holds only the few chunks its HTTP client buffers, so memory stays bounded whatever
 * the batch.
 *
 * <p>{@link #close} closes every entry opened ahead and not taken, including those whose opening is
 * still under way (they close as they complete).
 */
final class Lookahead implements AutoCloseable {
  static final int WINDOW = 8;

  private final BatchPlan plan;
  private final EntryOpener opener;
  private final String xid;
  private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
  private final Deque<CompletableFuture<EntryOutcome>> ahead = new ArrayDeque<>();
  private int nextToOpen;

  Lookahead(BatchPlan plan, EntryOpener opener, String xid) {
    this.plan = plan;
    this.opener = opener;
    this.xid = xid;
  }

  /** The next entry in request order (opened by now, or waited for). */
  EntryOutcome next() throws IOException, InterruptedException {
    int total = plan.req().in().size();
    while (ahead.size() < WINDOW && nextToOpen < total) {
      int i = nextToOpen++;
      ahead.add(CompletableFuture.supplyAsync(() -> {
        try {
          return opener.open(plan, i, xid);
        } catch (IOException e) {
          throw new CompletionException(e);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new CompletionException(new InterruptedIOException("interrupted"));
        }
      }, threads));
    }
    CompletableFuture<EntryOutcome> head = ahead.poll();
    if (head == null) {
      throw new IllegalStateException("get-batch: no entry left");
    }
    try {
      return head.get();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException io) {
        throw io;
      }
      if (cause instanceof RuntimeException rt) {
        throw rt;
      }
      throw new IOException(cause);
    }
  }

  @Override
  public void close() {
    for (CompletableFuture<EntryOutcome> pending : ahead) {
      pending.thenAccept(EntryOutcome::close);
    }
    ahead.clear();
    threads.shutdown(); // running openings finish on their own and are closed above
  }
}
