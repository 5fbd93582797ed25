package io.jais.testkit;

import io.jais.client.JaisClient;
import io.jais.node.launch.LocalCluster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/** Starts and stops the {@link JaisCluster} of a test class and injects it and a client. */
public final class JaisClusterExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {
  private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(JaisClusterExtension.class);

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    JaisCluster spec = context.getRequiredTestClass().getAnnotation(JaisCluster.class);
    Path dir = Files.createTempDirectory("jais-it-");
    LocalCluster cluster = LocalCluster.start(dir, spec.proxies(), spec.targets(), 0, spec.mountpaths());
    JaisClient client = JaisClient.create(cluster.endpoint());
    context.getStore(NS).put("dir", dir);
    context.getStore(NS).put(LocalCluster.class, cluster);
    context.getStore(NS).put(JaisClient.class, client);
  }

  @Override
  public void afterAll(ExtensionContext context) throws IOException {
    JaisClient client = context.getStore(NS).remove(JaisClient.class, JaisClient.class);
    if (client != null) {
      client.close();
    }
    LocalCluster cluster = context.getStore(NS).remove(LocalCluster.class, LocalCluster.class);
    if (cluster != null) {
      cluster.close();
    }
    Path dir = context.getStore(NS).remove("dir", Path.class);
    if (dir != null) {
      deleteTree(dir);
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == LocalCluster.class || type == JaisClient.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return context.getStore(NS).get(type, type);
  }

  /** Deletes a directory tree, best effort (a test's temp data must not fail the build). */
  public static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
