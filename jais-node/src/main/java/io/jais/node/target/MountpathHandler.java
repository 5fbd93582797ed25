package io.jais.node.target;

import io.jais.api.ActMsg;
import io.jais.api.error.ErrorCode;
import io.jais.api.error.JaisException;
import io.jais.node.http.Request;
import io.jais.node.http.Response;
import io.jais.node.rebalance.Resilvering;
import io.jais.node.storage.ObjectStore.MountpathAction;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * {@code /v1/daemon/mountpaths} on a target (reached through a proxy's
 * {@code /v1/reverse/daemon/mountpaths} with {@code Ais-Node-Id}), as AIS: the body is an action
 * message whose value is the mountpath; {@code PUT attach-mp}, {@code DELETE detach-mp},
 * {@code POST enable-mp|disable-mp|rescan-mp}; {@code dntres=true} skips the resilver. Answers
 * the resilver's job ID as text (empty when none started).
 */
public final class MountpathHandler {
  public static final String ATTACH = "attach-mp";
  public static final String DETACH = "detach-mp";
  public static final String ENABLE = "enable-mp";
  public static final String DISABLE = "disable-mp";
  public static final String RESCAN = "rescan-mp";
  /** Query parameter: do not resilver. */
  public static final String DONT_RESILVER = "dntres";

  private final Resilvering resilvering;

  public MountpathHandler(Resilvering resilvering) {
    this.resilvering = resilvering;
  }

  public Response put(Request request) throws Exception {
    return act(request, ATTACH);
  }

  public Response delete(Request request) throws Exception {
    return act(request, DETACH);
  }

  public Response post(Request request) throws Exception {
    return act(request, ENABLE, DISABLE, RESCAN);
  }

  private Response act(Request request, String... allowed) throws Exception {
    ActMsg msg = request.bodyJson(ActMsg.class);
    if (msg == null || msg.action() == null || msg.action().isEmpty()) {
      throw JaisException.invalid("mountpaths: expecting an action message (e.g. {\"action\":\"" + allowed[0]
          + "\",\"value\":\"/data/mp1\"})");
    }
    if (!java.util.List.of(allowed).contains(msg.action())) {
      throw new JaisException(ErrorCode.UNKNOWN_ACTION, "mountpaths: " + request.method() + " does not take action \""
          + msg.action() + "\" (expected: " + String.join(", ", allowed) + ")");
    }
    if (msg.value() == null || !msg.value().isTextual() || msg.value().asText().isBlank()) {
      throw JaisException.invalid(msg.action() + ": the value must be the mountpath (a directory)");
    }
    Path path;
    try {
      path = Path.of(msg.value().asText());
    } catch (InvalidPathException e) {
      throw JaisException.invalid(msg.action() + ": invalid mountpath \"" + msg.value().asText() + "\"");
    }
    if (!path.isAbsolute()) {
      throw JaisException.invalid(msg.action() + ": mountpath \"" + path + "\" is not absolute");
    }
    boolean resilver = !"true".equalsIgnoreCase(request.query(DONT_RESILVER, ""));
    String job = switch (msg.action()) {
      case ATTACH -> resilvering.change(MountpathAction.ATTACH, path, resilver);
      case DETACH -> resilvering.change(MountpathAction.DETACH, path, resilver);
      case ENABLE -> resilvering.change(MountpathAction.ENABLE, path, resilver);
      case DISABLE -> resilvering.change(MountpathAction.DISABLE, path, resilver);
      default -> resilvering.rescan(path);
    };
    return Response.text(job);
  }
}
