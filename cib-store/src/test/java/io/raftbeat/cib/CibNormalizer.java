package io.raftbeat.cib;

import java.util.ArrayList;
import java.util.List;
import org.w3c.dom.Attr;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/**
 * Puts a CIB (or query answer) from Pacemaker or from us into one comparable form: attributes sorted, no
 * whitespace, without what legitimately differs (write time, update origin/client/user, feature set, and the
 * cluster-infrastructure option our empty CIB adds).
 */
final class CibNormalizer {
    private static final List<String> VOLATILE_ROOT_ATTRIBUTES =
            List.of("cib-last-written", "update-origin", "update-client", "update-user", "crm_feature_set");

    private CibNormalizer() {}

    static String normalize(String xml) throws CibException {
        Element root = SafeXml.parse(xml, Integer.MAX_VALUE).getDocumentElement();
        if (root.getTagName().equals("cib")) {
            VOLATILE_ROOT_ATTRIBUTES.forEach(root::removeAttribute);
        }
        dropBootstrapOption(root);
        StringBuilder out = new StringBuilder();
        write(root, out);
        return out.toString();
    }

    private static void dropBootstrapOption(Element e) {
        List<Element> kids = CibTransaction.children(e);
        for (Element c : kids) {
            if (c.getTagName().equals("nvpair")
                    && c.getAttribute("id").equals("cib-bootstrap-options-cluster-infrastructure")
                    && c.getAttribute("value").equals("raftbeat")) {
                e.removeChild(c);
            } else {
                dropBootstrapOption(c);
            }
        }
        if (e.getTagName().equals("cluster_property_set")
                && e.getAttribute("id").equals("cib-bootstrap-options")
                && CibTransaction.children(e).isEmpty()
                && e.getParentNode() != null) {
            e.getParentNode().removeChild(e);
        }
    }

    private static void write(Element e, StringBuilder out) {
        out.append('<').append(e.getTagName());
        NamedNodeMap attrs = e.getAttributes();
        List<String> pairs = new ArrayList<>();
        for (int i = 0; i < attrs.getLength(); i++) {
            Attr a = (Attr) attrs.item(i);
            pairs.add(a.getName() + "=\"" + a.getValue() + "\"");
        }
        pairs.sort(null);
        pairs.forEach(p -> out.append(' ').append(p));
        out.append('>');
        for (Node c = e.getFirstChild(); c != null; c = c.getNextSibling()) {
            if (c instanceof Element child) {
                write(child, out);
            }
        }
        out.append("</").append(e.getTagName()).append('>');
    }
}
