package io.jais.cli.job;

import io.jais.api.bucket.BucketRef;
import io.jais.api.job.JobKind;
import io.jais.api.job.JobSnapshot;
import io.jais.cli.render.Sizes;
import io.jais.cli.render.Table;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Job snapshots as {@code ais show job} prints them: one table per job, under a caption
 * {@code display-name[id] (ctl: ...)}, one row per target, the bucket columns the job has (none,
 * {@code BUCKET}, or {@code SRC BUCKET} and {@code DST BUCKET}), and a {@code Total:} row when
 * several targets processed objects. States as AIS words them.
 */
final class JobTables {
  private static final DateTimeFormatter TODAY = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter DATED = DateTimeFormatter.ofPattern("MMM dd HH:mm:ss", Locale.ROOT)
      .withZone(ZoneOffset.UTC);

  private JobTables() {}

  /** One job: its snapshots by target ID. */
  record Job(String kind, String id, Map<String, JobSnapshot> byTarget) {
    Instant start() {
      return byTarget.values().stream().map(s -> JobSnapshot.parseTime(s.startTime()))
          .filter(java.util.Objects::nonNull).min(Comparator.naturalOrder()).orElse(Instant.EPOCH);
    }
  }

  /** Groups the snapshots by job, oldest first. */
  static List<Job> jobs(Map<String, List<JobSnapshot>> byTarget) {
    Map<String, Job> jobs = new LinkedHashMap<>();
    new TreeMap<>(byTarget).forEach((target, snapshots) -> {
      for (JobSnapshot snapshot : snapshots) {
        jobs.computeIfAbsent(snapshot.id(), id -> new Job(snapshot.kind(), id, new TreeMap<>()))
            .byTarget().put(target, snapshot);
      }
    });
    List<Job> ordered = new ArrayList<>(jobs.values());
    ordered.sort(Comparator.comparing(Job::start));
    return ordered;
  }

  /** Prints every job, a blank line between them. */
  static void print(PrintWriter out, List<Job> jobs) {
    print(out, jobs, true);
  }

  /** As {@link #print(PrintWriter, List)}; {@code withHeaders} false leaves out the column headers ({@code -H}). */
  static void print(PrintWriter out, List<Job> jobs, boolean withHeaders) {
    boolean first = true;
    for (Job job : jobs) {
      if (!first) {
        out.println();
      }
      first = false;
      print(out, job, withHeaders);
    }
    out.flush();
  }

  private static void print(PrintWriter out, Job job, boolean withHeaders) {
    String name = JobKind.find(job.kind()).map(JobKind::displayName).orElse(job.kind());
    Map<String, String> ctl = new LinkedHashMap<>(); // message -> first node that has it
    job.byTarget().forEach((node, s) -> {
      if (!s.ctlmsg().isEmpty()) {
        ctl.putIfAbsent(s.ctlmsg(), node);
      }
    });
    String caption = JobKind.cname(name, job.id());
    if (ctl.size() == 1) {
      caption += " (ctl: " + ctl.keySet().iterator().next() + ")";
    } else if (ctl.size() > 1) { // as AIS: one line each, here with the node that says it
      StringBuilder lines = new StringBuilder(" (ctl:");
      ctl.forEach((message, node) -> lines.append("\n  ").append(node).append(": ").append(message));
      caption += lines.append("\n)");
    }
    out.println(caption);
    boolean fromTo = job.byTarget().values().stream().anyMatch(s -> !s.sourceBucket().isEmpty());
    boolean bucket = !fromTo && job.byTarget().values().stream().anyMatch(s -> !s.bucket().isEmpty());
    List<String> headers = new ArrayList<>(List.of("NODE", "ID", "KIND"));
    if (fromTo) {
      headers.addAll(List.of("SRC BUCKET", "DST BUCKET"));
    } else if (bucket) {
      headers.add("BUCKET");
    }
    headers.addAll(List.of("OBJECTS", "BYTES", "START", "END", "STATE"));
    Table table = Table.of(headers.toArray(String[]::new));
    long objects = 0;
    long bytes = 0;
    for (Map.Entry<String, JobSnapshot> entry : job.byTarget().entrySet()) {
      JobSnapshot s = entry.getValue();
      List<Object> row = new ArrayList<>(List.of(entry.getKey(), s.id(), s.kind()));
      if (fromTo) {
        row.add(uri(s.sourceBucket()));
        row.add(uri(s.destinationBucket()));
      } else if (bucket) {
        row.add(uri(s.bucket()));
      }
      long o = s.stat(JobSnapshot.STAT_OBJECTS);
      long b = s.stat(JobSnapshot.STAT_BYTES);
      objects += o;
      bytes += b;
      row.addAll(List.of(o == 0 ? "-" : Long.toString(o), b == 0 ? "-" : Sizes.format(b), time(s.startTime()),
          time(s.endTime()), state(s)));
      table.row(row.toArray());
    }
    if (job.byTarget().size() > 1 && objects > 0) {
      List<Object> totals = new ArrayList<>();
      for (int i = 0; i < headers.size(); i++) {
        totals.add("");
      }
      totals.set(headers.indexOf("OBJECTS") - 1, "Total:");
      totals.set(headers.indexOf("OBJECTS"), Long.toString(objects));
      totals.set(headers.indexOf("BYTES"), bytes == 0 ? "-" : Sizes.format(bytes));
      table.row(totals.toArray());
    }
    table.print(out, withHeaders);
  }

  private static String uri(BucketRef ref) {
    return ref.isEmpty() ? "-" : ref.toBucket().uri();
  }

  /** A snapshot time: {@code HH:mm:ss} today (UTC), with the date before; {@code -} when not set. */
  static String time(String rfc3339) {
    Instant time = JobSnapshot.parseTime(rfc3339);
    if (time == null) {
      return "-";
    }
    boolean today = LocalDate.ofInstant(time, ZoneOffset.UTC).equals(LocalDate.now(ZoneOffset.UTC));
    return (today ? TODAY : DATED).format(time);
  }

  /** AIS's words for a job's state on one target. */
  static String state(JobSnapshot s) {
    if (s.aborted()) {
      return s.abortError().equals("user abort") ? "Aborted by user" : "Aborted: \"" + s.abortError() + "\"";
    }
    if (s.finished()) {
      return s.error().isEmpty() ? "Finished" : "Finished with errors: \"" + s.error() + "\"";
    }
    String state = s.idle() ? "Idle" : "Running";
    return s.error().isEmpty() ? state : state + " with errors: \"" + s.error() + "\"";
  }
}
