package io.jais.api.object;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jais.api.error.ErrorCode;
import io.jais.api.error.JaisException;
import io.jais.api.json.WireJson;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PromoteArgsTest {
  private static final String DIR = PromoteArgs.ROOT + "/ds";

  private static PromoteArgs args(String src, String obj) {
    return new PromoteArgs("", src, obj, false, false, false, false);
  }

  @Test
  void wire_isAisPromoteArgs() {
    PromoteArgs parsed = WireJson.parse(("{\"tid\":\"t1\",\"src\":\"" + DIR + "\",\"obj\":\"p/\",\"rcr\":true,"
        + "\"ovw\":true,\"dls\":true,\"notshr\":true}").getBytes(StandardCharsets.UTF_8), PromoteArgs.class);

    assertThat(parsed).isEqualTo(new PromoteArgs("t1", DIR, "p/", true, true, true, true));
    assertThat(parsed.toString()).isEqualTo("src:" + DIR + ", dst:p/, node:t1, flags:recurs,overwrite,delete-src,not-file-share");
  }

  @Test
  void validated_takesTheSourceFromNameOrSrc_whenTheyAgree() {
    assertThat(args("", "").validated(DIR).source()).isEqualTo(DIR);
    assertThat(args(DIR, "").validated("").source()).isEqualTo(DIR);
    assertThat(args(DIR, "").validated(DIR).source()).isEqualTo(DIR);
    assertThat(args(PromoteArgs.ROOT, "").validated("").source()).isEqualTo(PromoteArgs.ROOT);
  }

  @Test
  void validated_refusesWhatAisRefuses() {
    assertInvalid(args("", ""), "", "pathname is empty");
    assertInvalid(args(DIR, ""), DIR + "/other", "conflicting promote source");
    assertInvalid(args("ds/relative", ""), "", "must be an absolute path");
    assertInvalid(args(DIR + "/../../etc", ""), "", "'.' or '..'");
    assertInvalid(args(DIR + "/./x", ""), "", "'.' or '..'");
    assertInvalid(args("/tmp/x", ""), "", "must be under " + PromoteArgs.ROOT);
    assertInvalid(args(PromoteArgs.ROOT + "-other/x", ""), "", "must be under " + PromoteArgs.ROOT);
    assertInvalid(args(DIR, "a/../b"), "", "invalid object name or prefix");
  }

  private static void assertInvalid(PromoteArgs args, String name, String words) {
    assertThatThrownBy(() -> args.validated(name)).isInstanceOfSatisfying(JaisException.class, e -> {
      assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
      assertThat(e.getMessage()).contains(words);
    });
  }
}
