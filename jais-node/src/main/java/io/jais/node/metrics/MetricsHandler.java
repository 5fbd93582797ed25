package io.jais.node.metrics;

import io.jais.node.http.Request;
import io.jais.node.http.Response;
import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.OpenMetricsTextFormatWriter;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

/**
 * {@code GET /metrics}: the node's metrics in the Prometheus text format, or in OpenMetrics when
 * the scraper asks for it ({@code Accept: application/openmetrics-text}, as Prometheus does).
 */
public final class MetricsHandler {
  public static final String PATH = "/metrics";

  private static final ExpositionFormatWriter TEXT = PrometheusTextFormatWriter.create();
  private static final ExpositionFormatWriter OPEN_METRICS = OpenMetricsTextFormatWriter.create();

  private final NodeMetrics metrics;

  public MetricsHandler(NodeMetrics metrics) {
    this.metrics = metrics;
  }

  public Response scrape(Request request) throws IOException {
    String accept = request.header("Accept");
    ExpositionFormatWriter writer = OPEN_METRICS.accepts(accept) ? OPEN_METRICS : TEXT;
    ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
    writer.write(out, metrics.scrape(), EscapingScheme.fromAcceptHeader(accept));
    return Response.builder(200).header("Content-Type", writer.getContentType()).body(out.toByteArray()).build();
  }
}
