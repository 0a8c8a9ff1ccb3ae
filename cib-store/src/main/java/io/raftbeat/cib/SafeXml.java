package io.raftbeat.cib;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Node;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * The one XML parser of the CIB model, used for whole CIBs and for request XML alike. It refuses any DOCTYPE (so no
 * entity can be declared: no XXE, no entity-expansion bomb), XInclude and external resources, documents over the
 * size limit and documents nested deeper than {@link #MAX_DEPTH}. Text and comments are dropped, as Pacemaker strips
 * text from the CIB. Thread-safe: each call builds its own parser from a shared, read-only factory.
 */
public final class SafeXml {
    /** The deepest element nesting accepted; a real CIB is about 10 levels deep. */
    public static final int MAX_DEPTH = 256;

    private static final DocumentBuilderFactory FACTORY = newFactory();

    private SafeXml() {}

    /** Parses {@code xml}, or throws a DATAERR naming what is wrong in one line. */
    public static Document parse(String xml, int maxBytes) throws CibException {
        if (xml == null || xml.isBlank()) {
            throw new CibException(CibError.DATAERR, "XML is not well-formed: the document is empty");
        }
        long bytes = utf8Length(xml);
        if (bytes > maxBytes) {
            throw new CibException(
                    CibError.DATAERR,
                    "XML rejected: the document is " + bytes + " bytes, over the limit of " + maxBytes + " bytes");
        }
        Document doc;
        try {
            DocumentBuilder builder = FACTORY.newDocumentBuilder();
            builder.setErrorHandler(SILENT);
            builder.setEntityResolver((publicId, systemId) -> {
                throw new SAXException("external entities are not allowed");
            });
            doc = builder.parse(new InputSource(new StringReader(xml)));
        } catch (SAXParseException e) {
            throw new CibException(CibError.DATAERR, describe(e));
        } catch (SAXException | IOException | ParserConfigurationException e) {
            throw new CibException(CibError.DATAERR, "XML rejected: " + oneLine(e.getMessage()));
        }
        checkDepth(doc);
        strip(doc.getDocumentElement());
        return doc;
    }

    /** A new empty document from the same factory (for building CIBs and answers). */
    public static Document newDocument() {
        try {
            return FACTORY.newDocumentBuilder().newDocument();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("XML parser unavailable", e);
        }
    }

    private static String describe(SAXParseException e) {
        String msg = oneLine(e.getMessage());
        if (msg.contains("DOCTYPE")) {
            return "XML rejected: DOCTYPE is not allowed";
        }
        // Xerces names the entity in quotes; "must start and end within the same entity" is plain malformed XML.
        if (msg.contains("entity \"") || msg.contains("external entities")) {
            return "XML rejected: entities are not allowed: " + msg;
        }
        return "XML is not well-formed: line " + e.getLineNumber() + ", column " + e.getColumnNumber() + ": " + msg;
    }

    static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s+", " ").trim();
    }

    private static long utf8Length(String s) {
        if ((long) s.length() * 3 <= Integer.MAX_VALUE && s.length() < 1024) {
            return s.getBytes(StandardCharsets.UTF_8).length;
        }
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n++;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c)) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }

    /** Iterative, so a hostile nesting cannot blow the stack here. */
    private static void checkDepth(Document doc) throws CibException {
        Deque<Node> nodes = new ArrayDeque<>();
        Deque<Integer> depths = new ArrayDeque<>();
        nodes.push(doc.getDocumentElement());
        depths.push(1);
        while (!nodes.isEmpty()) {
            Node n = nodes.pop();
            int depth = depths.pop();
            if (depth > MAX_DEPTH) {
                throw new CibException(
                        CibError.DATAERR, "XML rejected: elements nested deeper than " + MAX_DEPTH + " levels");
            }
            for (Node c = n.getFirstChild(); c != null; c = c.getNextSibling()) {
                if (c.getNodeType() == Node.ELEMENT_NODE) {
                    nodes.push(c);
                    depths.push(depth + 1);
                }
            }
        }
    }

    /** Drops text, comments and processing instructions (depth is bounded, so recursion is safe here). */
    static void strip(Node element) {
        Node c = element.getFirstChild();
        while (c != null) {
            Node next = c.getNextSibling();
            if (c.getNodeType() == Node.ELEMENT_NODE) {
                strip(c);
            } else {
                element.removeChild(c);
            }
            c = next;
        }
    }

    private static DocumentBuilderFactory newFactory() {
        // The JDK's own parser, whatever else is on the class path, so every member parses alike.
        DocumentBuilderFactory f = DocumentBuilderFactory.newDefaultInstance();
        try {
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("XML parser lacks a required safety feature", e);
        }
        f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        f.setXIncludeAware(false);
        f.setExpandEntityReferences(false);
        f.setNamespaceAware(false);
        f.setValidating(false);
        f.setCoalescing(true);
        return f;
    }

    private static final ErrorHandler SILENT = new ErrorHandler() {
        @Override
        public void warning(SAXParseException e) {}

        @Override
        public void error(SAXParseException e) throws SAXParseException {
            throw e;
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXParseException {
            throw e;
        }
    };
}
