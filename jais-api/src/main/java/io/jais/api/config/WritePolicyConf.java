package io.jais.api.config;

import io.jais.api.error.ErrorCode;
import io.jais.api.error.JaisException;
import java.util.List;

/** When object data and metadata reach stable storage: "" / immediate, delayed, never. */
public record WritePolicyConf(String data, String md) {
  private static final List<String> POLICIES = List.of("", "immediate", "delayed", "never");

  public static final WritePolicyConf DEFAULT = new WritePolicyConf("", "");

  public WritePolicyConf {
    data = check("write_policy.data", data);
    md = check("write_policy.md", md);
  }

  private static String check(String key, String value) {
    String v = value == null ? "" : value;
    if (!POLICIES.contains(v)) {
      throw new JaisException(ErrorCode.INVALID_CONFIG, key + ": \"" + v + "\" (expected: immediate, delayed or never)");
    }
    return v;
  }

  /**
   * True when object data is fsynced before a PUT is acknowledged: only with an explicit
   * {@code "immediate"}. The default ("") relies on the page cache, as AIS does: a killed process
   * loses nothing it acknowledged, a power loss may.
   */
  public boolean fsyncData() {
    return data.equals("immediate");
  }
}
