package io.jais.testkit;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A node's {@code /metrics} as samples ({@code name{labels} value}), to check in tests what moved:
 * {@link #sum} adds up a metric over all its label sets, {@link #value} reads one of them.
 */
public final class PrometheusSamples {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

  /** A sample: metric name, its labels in order, its value. */
  public record Sample(String name, Map<String, String> labels, double value) {}

  private final Map<String, Sample> samples; // by name and labels as written

  private PrometheusSamples(Map<String, Sample> samples) {
    this.samples = samples;
  }

  /** {@code GET <nodeUrl>/metrics}, parsed. */
  public static PrometheusSamples scrape(String nodeUrl) throws IOException, InterruptedException {
    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(nodeUrl + "/metrics"))
        .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException(nodeUrl + "/metrics: " + response.statusCode() + " " + response.body());
    }
    return parse(response.body());
  }

  /** The Prometheus text format's samples; comments and blank lines skipped. */
  public static PrometheusSamples parse(String text) {
    Map<String, Sample> samples = new LinkedHashMap<>();
    for (String line : text.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      int brace = line.indexOf('{');
      int space = line.lastIndexOf(' ');
      Map<String, String> labels = new LinkedHashMap<>();
      String name;
      if (brace >= 0 && brace < space) {
        name = line.substring(0, brace);
        int end = parseLabels(line, brace + 1, labels);
        space = line.indexOf(' ', end);
      } else {
        name = line.substring(0, space);
      }
      double value = Double.parseDouble(line.substring(space + 1).trim().split(" ")[0]);
      samples.put(line.substring(0, space), new Sample(name, labels, value));
    }
    return new PrometheusSamples(samples);
  }

  // name="value",... up to the closing brace; returns the index after it
  private static int parseLabels(String line, int i, Map<String, String> labels) {
    while (line.charAt(i) != '}') {
      int eq = line.indexOf('=', i);
      String key = line.substring(i, eq);
      StringBuilder value = new StringBuilder();
      int j = eq + 2; // past ="
      for (; line.charAt(j) != '"'; j++) {
        char c = line.charAt(j);
        if (c == '\\') {
          c = line.charAt(++j);
          value.append(c == 'n' ? '\n' : c);
        } else {
          value.append(c);
        }
      }
      labels.put(key, value.toString());
      i = j + 1;
      if (line.charAt(i) == ',') {
        i++;
      }
    }
    return i + 1;
  }

  /** The sum of a metric over all its label sets; 0 when absent. */
  public double sum(String name) {
    return samples.values().stream().filter(s -> s.name().equals(name)).mapToDouble(Sample::value).sum();
  }

  /** The value of the one sample of {@code name} whose labels include {@code label=value}; null when none. */
  public Double value(String name, String label, String value) {
    return samples.values().stream().filter(s -> s.name().equals(name) && value.equals(s.labels().get(label)))
        .map(Sample::value).findFirst().orElse(null);
  }

  /** Whether any sample of the metric is present. */
  public boolean has(String name) {
    return samples.values().stream().anyMatch(s -> s.name().equals(name));
  }

  /** The values a label takes over the samples of a metric. */
  public Set<String> labelValues(String name, String label) {
    Set<String> values = new TreeSet<>();
    samples.values().stream().filter(s -> s.name().equals(name) && s.labels().containsKey(label))
        .forEach(s -> values.add(s.labels().get(label)));
    return values;
  }
}
