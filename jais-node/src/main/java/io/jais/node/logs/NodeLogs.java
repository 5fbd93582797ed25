package io.jais.node.logs;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.filter.ThresholdFilter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.rolling.FixedWindowRollingPolicy;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeBasedTriggeringPolicy;
import ch.qos.logback.core.util.FileSize;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One node's log files, in its own directory: {@code jais.INFO} with every event, {@code
 * jais.WARNING} with warnings and errors, {@code jais.ERROR} with errors, each rotated by size into
 * {@code jais.<SEVERITY>.1} (the newest) up to a bounded count ({@link LogRotation}). The info log
 * starts with a line saying which node and process wrote it, as AIS's logs do.
 *
 * <p>Design notes: the files are logback appenders created here, attached to no logger: the {@link
 * LogRouter} hands them the events of this node's threads, whatever the loggers' levels let
 * through (the configuration's console keeps its own threshold). When logging is not backed by
 * logback the node has no log files, and says so once.
 */
public final class NodeLogs implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(NodeLogs.class);
  private static final String PATTERN = "%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level [%thread] %logger{0} - %msg%n";

  private final String nodeId;
  private final Path dir;
  private final Map<Severity, RollingFileAppender<ILoggingEvent>> files = new EnumMap<>(Severity.class);
  private final LogRouter router;

  private NodeLogs(String nodeId, Path dir, LogRouter router) {
    this.nodeId = nodeId;
    this.dir = dir;
    this.router = router;
  }

  /**
   * Opens (creating) the node's log directory and starts routing the node's events to it.
   *
   * @param header what the info log's first line says about the node, e.g. {@code t[abc] (target)}
   */
  public static NodeLogs open(String nodeId, String header, Path dir, LogRotation rotation) throws IOException {
    Files.createDirectories(dir);
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      LOG.warn("{}: logging is not backed by logback; the node keeps no log files in {}", nodeId, dir);
      return new NodeLogs(nodeId, dir, null);
    }
    NodeLogs logs = new NodeLogs(nodeId, dir, LogRouter.installed(context));
    for (Severity severity : Severity.values()) {
      logs.files.put(severity, appender(context, dir, severity, rotation));
    }
    logs.append(startLine(context, header));
    logs.router.register(nodeId, logs);
    return logs;
  }

  private static RollingFileAppender<ILoggingEvent> appender(LoggerContext context, Path dir, Severity severity,
      LogRotation rotation) {
    RollingFileAppender<ILoggingEvent> file = new RollingFileAppender<>();
    file.setContext(context);
    file.setName("jais-" + severity.fileName());
    file.setFile(dir.resolve(severity.fileName()).toString());
    FixedWindowRollingPolicy rolling = new FixedWindowRollingPolicy();
    rolling.setContext(context);
    rolling.setParent(file);
    rolling.setFileNamePattern(dir.resolve(severity.fileName()) + ".%i");
    rolling.setMinIndex(1);
    rolling.setMaxIndex(rotation.rotatedFiles());
    rolling.start();
    SizeBasedTriggeringPolicy<ILoggingEvent> trigger = new SizeBasedTriggeringPolicy<>();
    trigger.setContext(context);
    trigger.setMaxFileSize(new FileSize(rotation.maxFileBytes()));
    trigger.setCheckIncrement(ch.qos.logback.core.util.Duration.buildByMilliseconds(
        rotation.checkEvery().toMillis()));
    trigger.start();
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern(PATTERN);
    encoder.start();
    ThresholdFilter threshold = new ThresholdFilter();
    threshold.setLevel(severity.threshold().levelStr);
    threshold.start();
    file.addFilter(threshold);
    file.setRollingPolicy(rolling);
    file.setTriggeringPolicy(trigger);
    file.setEncoder(encoder);
    file.start();
    return file;
  }

  private static ILoggingEvent startLine(LoggerContext context, String header) {
    String line = "Started up at " + ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME) + ", "
        + header + ", JAIS " + version() + ", pid " + ProcessHandle.current().pid() + ", Java "
        + Runtime.version();
    return new LoggingEvent(NodeLogs.class.getName(), context.getLogger(NodeLogs.class), Level.INFO, line, null,
        null);
  }

  private static String version() {
    String version = NodeLogs.class.getPackage().getImplementationVersion();
    return version == null ? "(development build)" : version;
  }

  /** The node's log directory. */
  public Path dir() {
    return dir;
  }

  /** The file being written for a severity (it may not exist when the node keeps no files). */
  public Path current(Severity severity) {
    return dir.resolve(severity.fileName());
  }

  /** Every file of a severity, the current one first, then the rotated ones from newest to oldest. */
  public List<Path> files(Severity severity) throws IOException {
    String name = severity.fileName();
    List<Path> all = new ArrayList<>();
    try (Stream<Path> entries = Files.list(dir)) {
      entries.filter(Files::isRegularFile).filter(p -> rotationIndex(p.getFileName().toString(), name) >= 0)
          .forEach(all::add);
    }
    all.sort(Comparator.comparingInt(p -> rotationIndex(p.getFileName().toString(), name)));
    return all;
  }

  /** 0 for {@code jais.INFO}, n for {@code jais.INFO.n}, -1 for any other name. */
  static int rotationIndex(String fileName, String current) {
    if (fileName.equals(current)) {
      return 0;
    }
    if (!fileName.startsWith(current + ".")) {
      return -1;
    }
    String index = fileName.substring(current.length() + 1);
    if (index.isEmpty() || index.length() > 3 || !index.chars().allMatch(Character::isDigit)) {
      return -1;
    }
    return Integer.parseInt(index);
  }

  void append(ILoggingEvent event) {
    for (RollingFileAppender<ILoggingEvent> file : files.values()) {
      file.doAppend(event);
    }
  }

  /** Stops routing to the files and closes them. */
  @Override
  public void close() {
    if (router != null) {
      router.unregister(nodeId, this);
    }
    files.values().forEach(RollingFileAppender::stop);
  }
}
