package io.raftbeat.cib;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathExpressionException;
import javax.xml.xpath.XPathFactory;
import javax.xml.xpath.XPathFactoryConfigurationException;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Pacemaker's XPath writes ({@code cib_process_xpath}): modify the first match, replace the first match (removed,
 * the new element appended to its parent), delete the first match or, for delete-all, every match. As in Pacemaker
 * a match that is an attribute or text stands for its element, and an XPath that does not compile matches nothing.
 */
final class CibXPath {
    private CibXPath() {}

    /**
     * The elements an XPath selects, in document order. A syntax error is {@code onSyntaxError} with one line, or
     * (null) no match, as Pacemaker's delete treats it.
     */
    static List<Element> evaluate(Document doc, String xpath, CibError onSyntaxError) throws CibException {
        NodeList nodes;
        try {
            XPathFactory factory = XPathFactory.newDefaultInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            nodes = (NodeList) factory.newXPath().evaluate(xpath, doc, XPathConstants.NODESET);
        } catch (XPathExpressionException e) {
            if (onSyntaxError == null) {
                return List.of();
            }
            String why = e.getCause() != null ? e.getCause().getMessage() : e.getMessage();
            throw new CibException(
                    onSyntaxError,
                    "No such device or address: XPath " + xpath + " is not valid: " + SafeXml.oneLine(why));
        } catch (XPathFactoryConfigurationException e) {
            throw new IllegalStateException("XPath unavailable", e);
        }
        List<Element> out = new ArrayList<>(nodes.getLength());
        for (int i = 0; i < nodes.getLength(); i++) {
            Element e = elementOf(nodes.item(i));
            if (e != null) {
                out.add(e);
            }
        }
        return out;
    }

    static void modify(CibTransaction tx, String xpath, Element input) throws CibException {
        List<Element> matches = evaluate(tx.document(), xpath, CibError.NOSUCH);
        if (matches.isEmpty()) {
            throw new CibException(CibError.NOSUCH, "No such device or address: nothing matches XPath " + xpath);
        }
        // Pacemaker records a failure for every match before the one that takes the update: only the first counts.
        if (input == null || !XmlMerge.updateXmlChild(tx, matches.get(0), input)) {
            throw new CibException(
                    CibError.NOSUCH,
                    "No such device or address: "
                            + (input == null ? "no XML given" : CibWrites.describe(input) + " not found")
                            + " under the first match of XPath " + xpath);
        }
    }

    static void replace(CibTransaction tx, String xpath, Element input) throws CibException {
        List<Element> matches = evaluate(tx.document(), xpath, CibError.NOSUCH);
        if (matches.isEmpty()) {
            throw new CibException(CibError.NOSUCH, "No such device or address: nothing matches XPath " + xpath);
        }
        Element match = matches.get(0);
        if (CibSections.isRoot(match)) {
            throw new CibException(CibError.SOFTWARE, "Invalid argument: XPath " + xpath + " addresses the whole /cib");
        }
        Element parent = (Element) match.getParentNode();
        tx.remove(match);
        if (input != null) {
            tx.append(parent, input, false);
        }
    }

    static void delete(CibTransaction tx, String xpath, boolean all) throws CibException {
        List<Element> matches = evaluate(tx.document(), xpath, null);
        if (all) {
            matches = outermost(matches);
        }
        for (Element m : matches) {
            if (CibSections.isRoot(m)) {
                throw new CibException(
                        CibError.SOFTWARE, "Invalid argument: XPath " + xpath + " addresses the whole /cib");
            }
            tx.remove(m);
            if (!all) {
                return;
            }
        }
    }

    /** Pacemaker's {@code dedupXpathResults}: drop matches inside another match. */
    private static List<Element> outermost(List<Element> matches) {
        Set<Node> set = Collections.newSetFromMap(new IdentityHashMap<>());
        set.addAll(matches);
        List<Element> out = new ArrayList<>();
        for (Element m : matches) {
            boolean inner = false;
            for (Node p = m.getParentNode(); p != null && !inner; p = p.getParentNode()) {
                inner = set.contains(p);
            }
            if (!inner) {
                out.add(m);
            }
        }
        return out;
    }

    private static Element elementOf(Node n) {
        return switch (n.getNodeType()) {
            case Node.ELEMENT_NODE -> (Element) n;
            case Node.ATTRIBUTE_NODE -> ((Attr) n).getOwnerElement();
            case Node.DOCUMENT_NODE -> ((Document) n).getDocumentElement();
            default -> n.getParentNode() instanceof Element e ? e : null;
        };
    }
}
