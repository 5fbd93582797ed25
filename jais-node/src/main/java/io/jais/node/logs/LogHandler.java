package io.jais.node.logs;

import io.jais.api.error.ErrorCode;
import io.jais.api.error.JaisException;
import io.jais.node.http.Request;
import io.jais.node.http.Response;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/**
 * {@code GET /v1/daemon?what=log&severity=info|warning|error[&offset=N][&all=true]}: the node's
 * current log of a severity as text (from byte {@code offset} on, to follow it), or with {@code
 * all} a tar.gz of that severity's current and rotated files, as AIS serves them. The proxy relays
 * the same query to any node ({@code /v1/reverse/daemon} with {@code Ais-Node-Id}).
 */
public final class LogHandler {
  static final String SEVERITY = "severity";
  static final String OFFSET = "offset";
  static final String ALL = "all";

  private final NodeLogs logs;
  private final String node;

  /** @param node the node as messages name it, e.g. {@code t[abc123]} */
  public LogHandler(NodeLogs logs, String node) {
    this.logs = logs;
    this.node = node;
  }

  public Response serve(Request request) throws IOException {
    Severity severity = Severity.parse(request.query(SEVERITY));
    if (request.queryBool(ALL, false)) {
      return Response.builder(200).header("Content-Type", "application/gzip")
          .stream(out -> TarGz.write(logs.files(severity), out)).build();
    }
    Path file = logs.current(severity);
    FileChannel channel;
    try {
      channel = FileChannel.open(file, StandardOpenOption.READ);
    } catch (NoSuchFileException e) {
      throw new JaisException(ErrorCode.NOT_FOUND, node + ": no " + severity.name().toLowerCase(Locale.ROOT)
          + " log (" + file + ")");
    }
    try {
      long size = channel.size();
      long offset = offset(request.query(OFFSET), size);
      return Response.builder(200).header("Content-Type", "text/plain; charset=utf-8")
          .file(channel, offset, size - offset).build();
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  private static long offset(String value, long size) {
    if (value == null || value.isEmpty()) {
      return 0;
    }
    long offset;
    try {
      offset = Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw JaisException.invalid("invalid log offset \"" + value + "\" (expected: a byte offset)");
    }
    if (offset < 0 || offset > size) {
      throw JaisException.invalid("log offset " + offset + " is past the log's end (" + size
          + " bytes): the log likely rotated");
    }
    return offset;
  }
}
