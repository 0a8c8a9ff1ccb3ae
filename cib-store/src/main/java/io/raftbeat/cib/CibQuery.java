package io.raftbeat.cib;

import io.raftbeat.proto.v1.CibRequest;
import java.util.List;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Pacemaker's query ({@code cib_process_query}, and {@code cib_process_xpath} for an XPath): the scope's element or
 * every match (several wrapped in {@code <xpath-query>}), optionally without children. Reads only.
 */
final class CibQuery {
    private CibQuery() {}

    static String run(Document doc, CibRequest r) throws CibException {
        if (!r.getXpath().isEmpty()) {
            return byXPath(doc, r.getXpath(), r.getNoChildren());
        }
        Element found = CibSections.find(doc, r.getScope());
        if (found == null && CibSections.STATUS.equals(r.getScope())) {
            return "<status/>\n"; // Pacemaker re-adds a missing status section whenever it reads the CIB
        }
        if (found == null) {
            throw new CibException(
                    CibError.NOSUCH, "No such device or address: the CIB has no '" + r.getScope() + "' section");
        }
        return XmlWriter.pretty(r.getNoChildren() ? shallow(doc, found) : found);
    }

    private static String byXPath(Document doc, String xpath, boolean noChildren) throws CibException {
        List<Element> matches = CibXPath.evaluate(doc, xpath, CibError.NOSUCH);
        if (matches.isEmpty()) {
            throw new CibException(CibError.NOSUCH, "No such device or address: nothing matches XPath " + xpath);
        }
        if (matches.size() == 1) {
            Element only = matches.get(0);
            return XmlWriter.pretty(noChildren ? shallow(doc, only) : only);
        }
        Document out = SafeXml.newDocument();
        Element wrapper = out.createElement("xpath-query");
        out.appendChild(wrapper);
        for (Element m : matches) {
            wrapper.appendChild(out.importNode(noChildren ? shallow(doc, m) : m, true));
        }
        return XmlWriter.pretty(wrapper);
    }

    private static Element shallow(Document doc, Element e) {
        return (Element) e.cloneNode(false);
    }
}
