package io.jais.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.jais.api.msgpack.ListObjectsCodec;
import io.jais.api.object.ListObjectsPage;
import io.jais.api.object.ObjectEntry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The training run for the start-up cache (JDK 25 {@code -XX:AOTCacheOutput}), run once at
 * package time: the common commands, in this JVM, against a stand-in cluster that answers with
 * canned AIS replies. What this run loads, links and profiles is what {@code ./jais} later
 * finds ready in the cache; there is no cluster at build time, hence the stand-in.
 */
final class AotTraining {
  private AotTraining() {}

  public static void main(String[] args) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    String endpoint = "http://127.0.0.1:" + server.getAddress().getPort();
    server.createContext("/", exchange -> answer(exchange, endpoint));
    server.start();
    try {
      String[][] commands = {
          {"--help"}, {"ls"}, {"ls", "ais://train"}, {"ls", "ais://train", "--props", "all", "--json"},
          {"show", "cluster"}, {"show", "cluster", "--json"}, {"object", "show", "ais://train/a.bin"},
          {"ls", "ais://missing"}, {"bucket", "create", "bad name"}, {"put", "--help"},
      };
      for (String[] command : commands) {
        Session session = new Session(Map.of("AIS_ENDPOINT", endpoint), new ByteArrayInputStream(new byte[0]),
            OutputStream.nullOutputStream(), OutputStream.nullOutputStream());
        try (session) {
          Main.run(session, command);
        }
      }
    } finally {
      server.stop(0);
    }
  }

  private static void answer(HttpExchange exchange, String endpoint) throws IOException {
    String path = exchange.getRequestURI().getPath();
    exchange.getRequestBody().readAllBytes();
    byte[] body = switch (path) {
      case "/v1/buckets" -> json("[{\"name\":\"train\",\"provider\":\"ais\",\"namespace\":{\"uuid\":\"\",\"name\":\"\"}}]");
      case "/v1/buckets/train" -> ListObjectsCodec.encode(new ListObjectsPage("", "", List.of(
          new ObjectEntry("a.bin", "", "", "1", "", "", 1024, 1, 0),
          new ObjectEntry("b.bin", "", "", "1", "", "", 2048, 1, 0)), 0));
      case "/v1/daemon" -> json(smap(endpoint));
      case "/v1/reverse/daemon" -> json(nodeStatus(endpoint, exchange.getRequestHeaders().getFirst("Ais-Node-Id")));
      case "/v1/health", "/v1/objects/train/a.bin" -> new byte[0];
      default -> null;
    };
    if (body == null) {
      exchange.sendResponseHeaders(404, -1);
      exchange.close();
      return;
    }
    exchange.getResponseHeaders().add("Ais-Node-Uptime", "61000000000");
    exchange.getResponseHeaders().add("Ais-Checksum-Type", "xxhash2");
    exchange.getResponseHeaders().add("Ais-Checksum-Value", "0123456789abcdef");
    boolean head = exchange.getRequestMethod().equals("HEAD") || body.length == 0;
    exchange.sendResponseHeaders(200, head ? -1 : body.length);
    if (!head) {
      exchange.getResponseBody().write(body);
    }
    exchange.close();
  }

  private static byte[] json(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** A node's {@code what=node_status}: the target with one mountpath, the proxy with none. */
  private static String nodeStatus(String endpoint, String id) {
    boolean target = "t1".equals(id);
    String capacity = !target ? "{\"mountpaths\":{}}" : "{\"mountpaths\":{\"/data/mp1\":{\"mountpath_label\":\"\","
        + "\"fs\":{\"Fs\":\"/dev/sda1\",\"FsType\":\"ext4\",\"FsID\":\"2049,0\"},\"disks\":[],\"used\":\"1000\","
        + "\"avail\":\"3000\",\"pct_used\":25}},\"cs_err\":\"\",\"total_used\":\"1000\",\"total_avail\":\"3000\","
        + "\"pct_max\":25,\"pct_avg\":25,\"pct_min\":25}";
    return "{\"status\":\"\",\"deployment\":\"linux\",\"snode\":" + (target ? target(endpoint) : proxy(endpoint))
        + ",\"tracker\":{\"up.ns.time\":{\"v\":\"61000000000\"}},\"capacity\":" + capacity
        + ",\"sys_info\":{\"mem_used\":1048576,\"mem_avail\":2097152,\"pct_mem_used\":1.5,\"pct_cpu_used\":2,"
        + "\"load_avg\":{\"One\":0.5,\"Five\":0.4,\"Fifteen\":0.3},\"cpu_util\":3},\"smap_version\":\"3\"}";
  }

  private static String proxy(String endpoint) {
    String port = endpoint.substring(endpoint.lastIndexOf(':') + 1);
    String net = "{\"node_ip_addr\":\"127.0.0.1\",\"daemon_port\":\"" + port + "\",\"direct_url\":\"" + endpoint + "\"}";
    return "{\"public_net\":" + net + ",\"intra_control_net\":" + net + ",\"intra_data_net\":" + net
        + ",\"daemon_type\":\"proxy\",\"daemon_id\":\"p1\",\"flags\":0,\"id_digest\":1}";
  }

  private static String target(String endpoint) {
    return proxy(endpoint).replace("\"proxy\"", "\"target\"").replace("\"p1\"", "\"t1\"").replace(":1}", ":2}");
  }

  private static String smap(String endpoint) {
    String proxy = proxy(endpoint);
    String target = target(endpoint);
    return "{\"pmap\":{\"p1\":" + proxy + "},\"tmap\":{\"t1\":" + target + "},\"proxy_si\":" + proxy
        + ",\"uuid\":\"training\",\"creation_time\":\"2026-01-01 00:00:00\",\"version\":\"3\"}";
  }
}
