package io.jais.node.s3;

import io.jais.node.http.Response;

/**
 * Writes the few small XML documents S3 answers with. Hand-written rather than Jackson XML: the
 * documents are flat, their element order and the S3 namespace must be exact, and it keeps a
 * dependency (and its reflection) off the node for about a dozen element kinds.
 */
final class XmlWriter {
  static final String S3_NAMESPACE = "http://s3.amazonaws.com/doc/2006-03-01/";

  private final StringBuilder xml = new StringBuilder(256).append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");

  /** Opens the root element in the S3 namespace. */
  XmlWriter root(String name) {
    xml.append('<').append(name).append(" xmlns=\"").append(S3_NAMESPACE).append("\">");
    return this;
  }

  XmlWriter open(String name) {
    xml.append('<').append(name).append('>');
    return this;
  }

  XmlWriter close(String name) {
    xml.append("</").append(name).append('>');
    return this;
  }

  XmlWriter element(String name, Object value) {
    open(name);
    escape(String.valueOf(value));
    return close(name);
  }

  /** Writes the element only when the value is non-null and non-empty. */
  XmlWriter optional(String name, String value) {
    return value == null || value.isEmpty() ? this : element(name, value);
  }

  private void escape(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '<' -> xml.append("&lt;");
        case '>' -> xml.append("&gt;");
        case '&' -> xml.append("&amp;");
        case '"' -> xml.append("&quot;");
        case '\'' -> xml.append("&apos;");
        default -> {
          if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
            xml.append("&#").append((int) c).append(';'); // XML 1.0 cannot carry these raw
          } else {
            xml.append(c);
          }
        }
      }
    }
  }

  /** 200 with this document as {@code application/xml}. */
  Response response() {
    return Response.builder(200).header("Content-Type", "application/xml").text(xml.toString()).build();
  }

  @Override
  public String toString() {
    return xml.toString();
  }
}
