package io.jais.node.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

class XmlTest {
  @Test
  void writer_escapesMarkupAndControlCharacters() {
    String xml = new XmlWriter().root("R").element("Key", "a<b>&\"c'\u0001").close("R").toString();
    assertThat(xml).contains("<R xmlns=\"" + XmlWriter.S3_NAMESPACE + "\">")
        .contains("<Key>a&lt;b&gt;&amp;&quot;c&apos;&#1;</Key>");
  }

  @Test
  void reader_matchesByLocalName_withOrWithoutNamespace() {
    Element root = XmlReader.parse(("<Delete xmlns=\"" + XmlWriter.S3_NAMESPACE + "\"><Quiet>true</Quiet>"
        + "<Object><Key> k </Key></Object></Delete>").getBytes(StandardCharsets.UTF_8), "Delete");
    assertThat(XmlReader.text(root, "Quiet")).isEqualTo("true");
    assertThat(XmlReader.text(XmlReader.children(root, "Object").get(0), "Key")).isEqualTo("k");
  }

  @Test
  void reader_refusesDoctypesWrongRootsAndGarbage() {
    for (String body : new String[] {"<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><Delete>&e;</Delete>",
        "<Other/>", "<Delete>", ""}) {
      assertThatThrownBy(() -> XmlReader.parse(body.getBytes(StandardCharsets.UTF_8), "Delete")).as(body)
          .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.error()).isEqualTo(S3Error.MALFORMED_XML));
    }
  }

  @Test
  void nativeCodes_mapToTheS3CodesClientsExpect() {
    for (io.jais.api.error.ErrorCode code : io.jais.api.error.ErrorCode.values()) {
      assertThat(S3Error.of(code)).as(code.name()).isNotNull();
    }
    assertThat(S3Error.of(io.jais.api.error.ErrorCode.BUCKET_NOT_FOUND)).isEqualTo(S3Error.NO_SUCH_BUCKET);
    assertThat(S3Error.of(io.jais.api.error.ErrorCode.OBJECT_NOT_FOUND)).isEqualTo(S3Error.NO_SUCH_KEY);
    assertThat(S3Error.of(io.jais.api.error.ErrorCode.RANGE_NOT_SATISFIABLE)).isEqualTo(S3Error.INVALID_RANGE);
    assertThat(S3Error.of(io.jais.api.error.ErrorCode.BUCKET_EXISTS)).isEqualTo(S3Error.BUCKET_ALREADY_OWNED_BY_YOU);
    for (S3Error error : S3Error.values()) {
      assertThat(new S3Exception(error).status()).as(error.name()).isEqualTo(error.status());
    }
  }
}
