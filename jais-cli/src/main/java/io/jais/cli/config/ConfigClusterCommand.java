package io.jais.cli.config;

import io.jais.cli.Session;
import io.jais.client.JaisClient;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code jais config cluster KEY=VALUE ...}: changes cluster-wide settings in one request (all or
 * none apply); without arguments it shows the configuration, as {@code ais config cluster} does.
 */
@Command(name = "cluster", mixinStandardHelpOptions = true,
    description = {"Change cluster-wide settings, e.g.  jais config cluster checksum.type=md5 mirror.copies=2",
        "Without KEY=VALUE, show the configuration."})
public final class ConfigClusterCommand implements Runnable {
  @Spec CommandSpec spec;

  @Parameters(arity = "0..*", paramLabel = "KEY=VALUE", description = "dotted setting names, as 'jais show config cluster' prints them")
  List<String> settings = List.of();

  private final Session session;

  ConfigClusterCommand(Session session) {
    this.session = session;
  }

  @Override
  public void run() {
    JaisClient client = session.client();
    if (settings.isEmpty()) {
      ConfigTable.print(session.out(), client.cluster().config(), null);
      return;
    }
    Map<String, String> changes = new LinkedHashMap<>();
    for (String setting : settings) {
      int eq = setting.indexOf('=');
      if (eq <= 0) {
        throw new ParameterException(spec.commandLine(), "invalid setting \"" + setting + "\" (expected: KEY=VALUE)");
      }
      changes.put(setting.substring(0, eq), setting.substring(eq + 1));
    }
    client.cluster().setConfig(changes);
    session.out().println("Cluster config updated: " + String.join(", ", settings));
  }
}
