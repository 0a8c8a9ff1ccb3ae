package io.raftbeat.cli;

import io.raftbeat.proto.v1.CibOperation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathExpressionException;
import javax.xml.xpath.XPathFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * One name/value attribute in the CIB, found, set and deleted as Pacemaker's {@code cib__update_node_attr},
 * {@code cib__get_node_attrs} and {@code cib__delete_node_attr} do: looked up by name (and set and id when given)
 * in any set of its section, updated in place when it exists, else created in the target's set. Used by
 * crm_attribute and crm_standby on the command's thread.
 */
final class CibAttribute {
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final CliContext ctx;
    private final AttributeTarget target;
    private final String name;
    private final String id;
    private final String set;

    /**
     * @param name the attribute's name, or null when {@code id} names it
     * @param id the nvpair's id ({@code -i}), or null
     * @param set the set ({@code -s}) to look in and create in, or null for any (and Pacemaker's default to create)
     */
    CibAttribute(CliContext ctx, AttributeTarget target, String name, String id, String set) {
        this.ctx = ctx;
        this.target = target;
        this.name = name;
        this.id = id;
        this.set = set;
    }

    /** The matching nvpair; several is Pacemaker's "Multiple attributes match" error (76, ENOTUNIQ). */
    Optional<Element> find(Document doc) throws CliFailure {
        List<Element> found = matches(doc);
        if (found.size() > 1) {
            List<String> ids = new ArrayList<>();
            found.forEach(e -> ids.add(e.getAttribute("id")));
            throw new CliFailure(
                    76,
                    "crm_attribute: Multiple attributes match name=" + name + " (ids " + String.join(", ", ids)
                            + "): give an id with -i or a set with -s");
        }
        return found.stream().findFirst();
    }

    /** Sets the value: in place when the attribute exists, else a new nvpair in the target's set. */
    void set(Document doc, String value) throws CliFailure {
        Optional<Element> existing = find(doc);
        String nvId = existing.map(e -> e.getAttribute("id"))
                .orElseGet(() -> id != null ? id : XmlText.sanitizeId(target.setId() + "-" + name));
        String attrName =
                name != null ? name : existing.map(e -> e.getAttribute("name")).orElse(id);
        String nvpair = "<nvpair id=\"" + XmlText.escape(nvId) + "\" name=\"" + XmlText.escape(attrName) + "\" value=\""
                + XmlText.escape(value) + "\"/>";
        String xml = existing.isPresent() ? nvpair : target.wrap(nvpair);
        CibAccess.write(ctx, CibOperation.CIB_MODIFY, target.section(), xml, TIMEOUT);
    }

    /**
     * Deletes the attribute when it exists (absent is success, as for Pacemaker) and returns the line Pacemaker
     * prints, e.g. {@code Deleted nodes attribute: id=nodes-node1-standby name=standby}.
     */
    Optional<String> delete(Document doc) throws CliFailure {
        Optional<Element> existing = find(doc);
        if (existing.isEmpty()) {
            return Optional.empty();
        }
        String nvId = existing.get().getAttribute("id");
        CibAccess.deleteAll(ctx, target.parentXPath() + "//nvpair[@id=" + XmlText.literal(nvId) + "]", TIMEOUT);
        return Optional.of("Deleted " + target.section() + (target.perNode() ? " attribute" : " option") + ": id="
                + nvId + (name != null ? " name=" + name : ""));
    }

    private List<Element> matches(Document doc) throws CliFailure {
        StringBuilder xpath =
                new StringBuilder(target.parentXPath()).append("//").append(target.setTag());
        if (set != null) {
            xpath.append("[@id=").append(XmlText.literal(set)).append(']');
        }
        xpath.append("//nvpair");
        if (name != null) {
            xpath.append("[@name=").append(XmlText.literal(name)).append(']');
        }
        if (id != null) {
            xpath.append("[@id=").append(XmlText.literal(id)).append(']');
        }
        try {
            NodeList nodes = (NodeList)
                    XPathFactory.newInstance().newXPath().evaluate(xpath.toString(), doc, XPathConstants.NODESET);
            List<Element> found = new ArrayList<>();
            for (int i = 0; i < nodes.getLength(); i++) {
                found.add((Element) nodes.item(i));
            }
            return found;
        } catch (XPathExpressionException e) {
            throw new CliFailure(70, "crm_attribute: cannot search the CIB: " + e.getMessage());
        }
    }
}
