package io.jais.node.s3;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Parses the small XML request bodies S3 clients send (Delete, CompleteMultipartUpload,
 * CreateBucketConfiguration) with the JDK's parser, DTDs and external entities off. Element names
 * are matched by local name, so bodies with or without the S3 namespace both work. Anything that
 * does not parse is MalformedXML.
 */
final class XmlReader {
  private XmlReader() {}

  /** The root element of the document; MalformedXML when it does not parse or has another root. */
  static Element parse(byte[] body, String expectedRoot) {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setXIncludeAware(false);
      factory.setExpandEntityReferences(false);
      DocumentBuilder builder = factory.newDocumentBuilder();
      builder.setErrorHandler(null);
      Document document = builder.parse(new ByteArrayInputStream(body));
      Element root = document.getDocumentElement();
      if (!expectedRoot.equals(root.getLocalName())) {
        throw malformed("root element is <" + root.getLocalName() + ">, expected <" + expectedRoot + ">");
      }
      return root;
    } catch (S3Exception e) {
      throw e;
    } catch (Exception e) {
      throw malformed(e.getMessage());
    }
  }

  /** The direct children of {@code parent} with this local name. */
  static List<Element> children(Element parent, String name) {
    List<Element> found = new ArrayList<>();
    for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
      if (child instanceof Element element && name.equals(element.getLocalName())) {
        found.add(element);
      }
    }
    return found;
  }

  /** The text of the one child element with this name, or null when there is none. */
  static String text(Element parent, String name) {
    List<Element> found = children(parent, name);
    if (found.size() > 1) {
      throw malformed("more than one <" + name + "> in <" + parent.getLocalName() + ">");
    }
    return found.isEmpty() ? null : found.get(0).getTextContent().strip();
  }

  static S3Exception malformed(String why) {
    return new S3Exception(S3Error.MALFORMED_XML, S3Error.MALFORMED_XML.message() + " (" + why + ")");
  }
}
