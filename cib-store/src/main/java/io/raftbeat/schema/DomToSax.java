package io.raftbeat.schema;

import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.xml.sax.ContentHandler;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.AttributesImpl;

/** Replays a namespace-less DOM as SAX events (what jing's validators consume), without serializing it. */
final class DomToSax {
    private DomToSax() {}

    static void feed(Document doc, ContentHandler out) throws SAXException {
        out.startDocument();
        element(doc.getDocumentElement(), out);
        out.endDocument();
    }

    private static void element(Element e, ContentHandler out) throws SAXException {
        AttributesImpl attrs = new AttributesImpl();
        NamedNodeMap map = e.getAttributes();
        for (int i = 0; i < map.getLength(); i++) {
            Attr a = (Attr) map.item(i);
            attrs.addAttribute("", a.getName(), a.getName(), "CDATA", a.getValue());
        }
        String name = e.getTagName();
        out.startElement("", name, name, attrs);
        for (Node c = e.getFirstChild(); c != null; c = c.getNextSibling()) {
            if (c instanceof Element child) {
                element(child, out);
            } else if (c.getNodeType() == Node.TEXT_NODE) {
                char[] text = c.getNodeValue().toCharArray();
                out.characters(text, 0, text.length);
            }
        }
        out.endElement("", name, name);
    }
}
