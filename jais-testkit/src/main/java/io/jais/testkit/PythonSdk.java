package io.jais.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs Python scripts against a JAIS cluster with the unmodified official AIStore Python SDK.
 *
 * <p>The SDK lives in a private venv prepared by {@code scripts/python-sdk-env.sh} (first use
 * takes ~20 s, later calls ~4 s). When the machine has no AIS repository snapshot (or no setup
 * tool), {@link #envScript()} returns empty and prints a loud {@code SKIP:} line; callers turn
 * that into an assumption failure, e.g.
 * {@code Assumptions.assumeTrue(env.isPresent(), "no AIS Python SDK")}.
 *
 * <p>JDK only: no dependencies.
 */
public final class PythonSdk {

    /** Exit status of {@code scripts/python-sdk-env.sh} meaning "prerequisites missing: skip". */
    public static final int EXIT_SKIP = 3;

    private static final Duration ENV_TIMEOUT = Duration.ofMinutes(5);

    private PythonSdk() {
    }

    /**
     * Result of a script run.
     *
     * @param exitCode the process exit status, or -1 if it was killed on timeout
     * @param output   stdout and stderr, interleaved as the process wrote them
     * @param timedOut whether the timeout expired and the process was killed
     */
    public record Result(int exitCode, String output, boolean timedOut) {
        /** @return true if the script exited 0 in time */
        public boolean ok() {
            return exitCode == 0 && !timedOut;
        }
    }

    /**
     * Prepares (on first use) the AIS Python SDK and returns its {@code env.sh}.
     *
     * <p>Runs {@code <repo>/scripts/python-sdk-env.sh}, where {@code <repo>} is found by walking
     * up from the current directory to the first directory containing {@code mvnw}. The script's
     * stderr (progress, errors) is passed through; the last stdout line is the env.sh path.
     *
     * @return the env.sh path, or empty when the prerequisites are missing (the script exited
     *         {@value #EXIT_SKIP}, or the repo root / script cannot be found); a line
     *         {@code SKIP: AIS Python SDK tests — <reason>} is then printed to stdout
     * @throws IllegalStateException if the setup itself failed (any other non-zero exit, or a
     *                               missing env.sh), so that a broken setup is not mistaken
     *                               for a skip
     */
    public static Optional<Path> envScript() {
        Optional<Path> root = repoRoot();
        if (root.isEmpty()) {
            return skip("no mvnw found above " + Path.of("").toAbsolutePath());
        }
        Path script = root.get().resolve("scripts/python-sdk-env.sh");
        if (!Files.isRegularFile(script)) {
            return skip(script + " not found");
        }
        ProcessBuilder pb = new ProcessBuilder("bash", script.toString())
                .directory(root.get().toFile())
                .redirectError(ProcessBuilder.Redirect.PIPE);
        Captured out;
        Captured err;
        Process p;
        try {
            p = pb.start();
            p.getOutputStream().close();
            out = Captured.start(p.getInputStream(), false);
            err = Captured.start(p.getErrorStream(), true);   // echo progress as it happens
            if (!p.waitFor(ENV_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                kill(p);
                throw new IllegalStateException(script + " did not finish within " + ENV_TIMEOUT);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + script, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + script, e);
        }
        String stdout = out.text();
        String stderr = err.text();
        int rc = p.exitValue();
        if (rc == EXIT_SKIP) {
            String reason = stderr.lines().filter(l -> l.startsWith("SKIP:"))
                    .map(l -> l.substring("SKIP:".length()).strip())
                    .reduce((a, b) -> b).orElse("python-sdk-env.sh exited " + EXIT_SKIP);
            return skip(reason);
        }
        if (rc != 0) {
            throw new IllegalStateException(script + " failed with exit code " + rc + ":\n" + stderr);
        }
        String last = stdout.lines().map(String::strip).filter(l -> !l.isEmpty())
                .reduce((a, b) -> b).orElse("");
        Path env = Path.of(last);
        if (last.isEmpty() || !Files.isRegularFile(env)) {
            throw new IllegalStateException(script + " did not print an existing env.sh path; stdout:\n" + stdout);
        }
        return Optional.of(env);
    }

    /**
     * Runs a Python script with the SDK's interpreter:
     * {@code bash -c '. env.sh && "$AIS_SDK_PYTHON" script args...'}, with {@code AIS_ENDPOINT}
     * set to {@code endpoint}. Stdout and stderr are merged, echoed to this process's stdout
     * line by line as they arrive, and returned. On timeout the process (and its children,
     * e.g. the SDK's parallel-download workers) is killed.
     *
     * @param envScript the env.sh returned by {@link #envScript()}
     * @param endpoint  cluster URL for the SDK, e.g. {@code http://127.0.0.1:8080}
     * @param script    the Python script to run
     * @param timeout   how long to wait before killing it
     * @param args      extra arguments for the script
     * @return exit code (-1 on timeout), combined output, and whether it timed out
     */
    public static Result run(Path envScript, String endpoint, Path script, Duration timeout, String... args) {
        List<String> cmd = new ArrayList<>(List.of("bash", "-c",
                ". \"$1\" && shift && exec \"$AIS_SDK_PYTHON\" \"$@\"",
                "python-sdk", envScript.toAbsolutePath().toString(), script.toAbsolutePath().toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("AIS_ENDPOINT", endpoint);
        pb.environment().put("PYTHONUNBUFFERED", "1");
        try {
            Process p = pb.start();
            p.getOutputStream().close();
            Captured out = Captured.start(p.getInputStream(), true);
            boolean done = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!done) {
                kill(p);
                String text = out.text();
                System.out.println("python-sdk: " + script.getFileName() + " killed after " + timeout);
                return new Result(-1, text + "\n[killed after " + timeout + "]\n", true);
            }
            return new Result(p.exitValue(), out.text(), false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + script, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + script, e);
        }
    }

    /**
     * Runs the official SDK's own integration tests ({@code scripts/run-sdk-suite.sh FILE...})
     * against {@code endpoint}. Exit code {@value #EXIT_SKIP} means the prerequisites are missing
     * (a {@code SKIP:} line says which).
     *
     * @param pytestArgs extra pytest arguments, e.g. {@code --deselect} of tests for features
     *                   that are not implemented yet
     */
    public static Result runSuite(String endpoint, Duration timeout, String pytestArgs, String... files) {
        return runSuite(endpoint, timeout, "", pytestArgs, files);
    }

    /**
     * As {@link #runSuite(String, Duration, String, String...)}, selecting tests by pytest markers
     * ({@code PYTEST_MARKERS}; empty for the script's default, which leaves out
     * {@code nonparallel} tests). Files run one after the other and each file's tests serially, so
     * {@code nonparallel} tests are safe to include.
     */
    public static Result runSuite(String endpoint, Duration timeout, String markers, String pytestArgs, String... files) {
        Path root = repoRoot().orElseThrow(() -> new IllegalStateException("no mvnw above the current directory"));
        List<String> cmd = new ArrayList<>(List.of("bash", root.resolve("scripts/run-sdk-suite.sh").toString()));
        cmd.addAll(List.of(files));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).directory(root.toFile());
        pb.environment().put("AIS_ENDPOINT", endpoint);
        pb.environment().put("PYTEST_ARGS", pytestArgs);
        if (!markers.isEmpty()) {
            pb.environment().put("PYTEST_MARKERS", markers);
        }
        pb.environment().put("PYTHONUNBUFFERED", "1");
        try {
            Process p = pb.start();
            p.getOutputStream().close();
            Captured out = Captured.start(p.getInputStream(), true);
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                kill(p);
                return new Result(-1, out.text() + "\n[killed after " + timeout + "]\n", true);
            }
            return new Result(p.exitValue(), out.text(), false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run the SDK suite", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running the SDK suite", e);
        }
    }

    /** Walks up from the current directory to the first directory holding {@code mvnw}. */
    static Optional<Path> repoRoot() {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve("mvnw"))) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }

    private static Optional<Path> skip(String reason) {
        System.out.println("SKIP: AIS Python SDK tests — " + reason);
        return Optional.empty();
    }

    private static void kill(Process p) throws InterruptedException {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        p.waitFor(10, TimeUnit.SECONDS);
    }

    /** Drains a stream on a virtual thread, optionally echoing each line to stdout. */
    private static final class Captured {
        private final ByteArrayOutputStream buf = new ByteArrayOutputStream();
        private final Thread thread;

        private Captured(InputStream in, boolean echo) {
            this.thread = Thread.ofVirtual().name("python-sdk-output").start(() -> pump(in, echo));
        }

        static Captured start(InputStream in, boolean echo) {
            return new Captured(in, echo);
        }

        private void pump(InputStream in, boolean echo) {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            byte[] chunk = new byte[8192];
            try (in) {
                int n;
                while ((n = in.read(chunk)) > 0) {
                    synchronized (buf) {
                        buf.write(chunk, 0, n);
                    }
                    if (echo) {
                        for (int i = 0; i < n; i++) {
                            line.write(chunk[i]);
                            if (chunk[i] == '\n') {
                                System.out.print(line.toString(StandardCharsets.UTF_8));
                                System.out.flush();
                                line.reset();
                            }
                        }
                    }
                }
            } catch (IOException e) {
                // process killed or stream closed: keep what we have
            }
            if (echo && line.size() > 0) {
                System.out.println(line.toString(StandardCharsets.UTF_8));
            }
        }

        /** Waits (briefly) for the pump to reach EOF and returns everything read so far. */
        String text() {
            try {
                thread.join(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            synchronized (buf) {
                return buf.toString(StandardCharsets.UTF_8);
            }
        }
    }
}
