package io.jais.node.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Two nodes' logs in one JVM: each gets its own threads' events, by severity, rotated and bounded. */
class NodeLogsTest {
  private static final Logger LOG = LoggerFactory.getLogger("io.jais.node.logs.test");

  @TempDir Path dir;
  private NodeLogs one;
  private NodeLogs two;

  @AfterEach
  void close() {
    if (one != null) {
      one.close();
    }
    if (two != null) {
      two.close();
    }
  }

  private NodeLogs open(String id) throws Exception {
    return NodeLogs.open(id, "t[" + id + "] (target)", dir.resolve(id), LogRotation.DEFAULT);
  }

  private static String read(NodeLogs logs, Severity severity) throws Exception {
    return Files.readString(logs.current(severity));
  }

  @Test
  void eventsGoToTheNodeOfTheLoggingThread_bySeverity() throws Exception {
    one = open("n1");
    two = open("n2");

    try (NodeLogContext.Scope scope = NodeLogContext.enter("n1")) {
      LOG.info("one-info");
      LOG.warn("one-warn");
      LOG.error("one-error");
      LOG.debug("one-debug"); // below the logger's level: nowhere
    }
    try (NodeLogContext.Scope scope = NodeLogContext.enter("n2")) {
      LOG.info("two-info");
    }

    assertThat(read(one, Severity.INFO)).contains("Started up at", "t[n1] (target)", "one-info", "one-warn",
        "one-error").doesNotContain("two-info").doesNotContain("one-debug");
    assertThat(read(one, Severity.WARNING)).contains("one-warn", "one-error").doesNotContain("one-info")
        .doesNotContain("Started up");
    assertThat(read(one, Severity.ERROR)).contains("one-error").doesNotContain("one-warn");
    assertThat(read(two, Severity.INFO)).contains("Started up at", "t[n2] (target)", "two-info")
        .doesNotContain("one-");
    assertThat(read(two, Severity.ERROR)).isEmpty();
  }

  @Test
  void threadsStartedByANodesThread_logForThatNode() throws Exception {
    one = open("n1");
    two = open("n2");

    try (NodeLogContext.Scope scope = NodeLogContext.enter("n2")) {
      Thread.ofVirtual().start(() -> LOG.info("from-a-child")).join();
    }

    assertThat(read(two, Severity.INFO)).contains("from-a-child");
    assertThat(read(one, Severity.INFO)).doesNotContain("from-a-child");
  }

  @Test
  void noContext_belongsToNoNode_unlessTheProcessRunsOnlyOne() throws Exception {
    one = open("n1");
    two = open("n2");

    LOG.info("nobody's");
    assertThat(read(one, Severity.INFO)).doesNotContain("nobody's");
    assertThat(read(two, Severity.INFO)).doesNotContain("nobody's");

    two.close();
    two = null;
    LOG.info("the sole node's");
    assertThat(read(one, Severity.INFO)).contains("the sole node's");
  }

  @Test
  void closedNode_getsNothingMore() throws Exception {
    one = open("n1");
    one.close();
    NodeLogs closed = one;
    one = null;

    try (NodeLogContext.Scope scope = NodeLogContext.enter("n1")) {
      LOG.error("after close");
    }

    assertThat(read(closed, Severity.ERROR)).doesNotContain("after close");
  }

  @Test
  void rotation_bySize_keepsABoundedNumberOfFiles() throws Exception {
    one = NodeLogs.open("n1", "t[n1]", dir.resolve("n1"), new LogRotation(300, 2, Duration.ZERO));

    try (NodeLogContext.Scope scope = NodeLogContext.enter("n1")) {
      for (int i = 0; i < 40; i++) {
        LOG.info("line {} of a log that keeps growing past its size", i);
      }
    }

    List<Path> files = one.files(Severity.INFO);
    assertThat(files).extracting(p -> p.getFileName().toString())
        .containsExactly("jais.INFO", "jais.INFO.1", "jais.INFO.2");
    assertThat(Files.readString(files.get(0))).contains("line 39 ");
    assertThat(Files.size(files.get(1))).isLessThan(1000);
    assertThat(one.files(Severity.ERROR)).extracting(p -> p.getFileName().toString()).containsExactly("jais.ERROR");
  }

  @Test
  void rotationIndex_ofFileNames() {
    assertThat(NodeLogs.rotationIndex("jais.INFO", "jais.INFO")).isZero();
    assertThat(NodeLogs.rotationIndex("jais.INFO.3", "jais.INFO")).isEqualTo(3);
    assertThat(NodeLogs.rotationIndex("jais.INFO.x", "jais.INFO")).isEqualTo(-1);
    assertThat(NodeLogs.rotationIndex("jais.INFO.", "jais.INFO")).isEqualTo(-1);
    assertThat(NodeLogs.rotationIndex("jais.ERROR", "jais.INFO")).isEqualTo(-1);
    assertThat(NodeLogs.rotationIndex("jais.INFOX", "jais.INFO")).isEqualTo(-1);
  }
}
