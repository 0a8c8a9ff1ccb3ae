package io.raftbeat.scheduler;

import io.raftbeat.status.Xml;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The {@code constraints} section read into locations, colocations and orderings, {@code id-ref}s resolved. Sets
 * ({@code resource_set}) are not modelled yet and are skipped. Pure.
 */
record Constraints(List<Location> locations, List<Colocation> colocations, List<Order> orders) {
    /** A location: a fixed node and score, or rules each giving a score (or a node attribute's value). */
    record Location(String resource, String node, int score, List<Element> rules, String role) {}

    /**
     * {@code rsc} placed relative to {@code withRsc}; INFINITY with, -INFINITY apart, finite a preference. "With"
     * means on a node with the same value of {@code nodeAttribute} ({@code #uname}, the node itself, by default).
     */
    record Colocation(String resource, String withResource, int score, String nodeAttribute) {
        static final String SAME_NODE = "#uname";

        boolean byNode() {
            return nodeAttribute.equals(SAME_NODE);
        }
    }

    /** {@code then} after {@code first}; mandatory unless kind=Optional/Serialize or score 0. */
    record Order(
            String first, String firstAction, String then, String thenAction, boolean mandatory, boolean symmetrical) {}

    static Constraints of(Document cib) {
        Element root = cib.getDocumentElement();
        Map<String, Element> ids = new HashMap<>();
        index(root, ids);
        List<Location> locations = new ArrayList<>();
        List<Colocation> colocations = new ArrayList<>();
        List<Order> orders = new ArrayList<>();
        for (Element c : Xml.children(Xml.path(root, "configuration", "constraints"), null)) {
            if (!Xml.children(c, "resource_set").isEmpty()) {
                continue;
            }
            switch (c.getTagName()) {
                case "rsc_location" -> {
                    List<Element> rules = new ArrayList<>();
                    for (Element r : Xml.children(c, "rule")) {
                        rules.add(resolve(r, ids));
                    }
                    locations.add(new Location(
                            c.getAttribute("rsc"),
                            c.getAttribute("node"),
                            Xml.score(c.getAttribute("score")),
                            rules,
                            c.getAttribute("role")));
                }
                case "rsc_colocation" ->
                    colocations.add(new Colocation(
                            c.getAttribute("rsc"),
                            c.getAttribute("with-rsc"),
                            Xml.score(c.getAttribute("score")),
                            orDefault(c.getAttribute("node-attribute"), Colocation.SAME_NODE)));
                case "rsc_order" -> orders.add(order(c));
                default -> {}
            }
        }
        return new Constraints(locations, colocations, orders);
    }

    private static Order order(Element c) {
        String kind = c.getAttribute("kind");
        boolean mandatory;
        if (!kind.isEmpty()) {
            mandatory = !kind.equalsIgnoreCase("Optional") && !kind.equalsIgnoreCase("Serialize"); // unknown: Mandatory
        } else {
            String score = c.getAttribute("score");
            mandatory = score.isEmpty() || Xml.score(score) > 0;
        }
        String symmetrical = c.getAttribute("symmetrical");
        return new Order(
                c.getAttribute("first"),
                orDefault(c.getAttribute("first-action"), "start"),
                c.getAttribute("then"),
                orDefault(c.getAttribute("then-action"), orDefault(c.getAttribute("first-action"), "start")),
                mandatory,
                symmetrical.isEmpty() ? !kind.equalsIgnoreCase("Serialize") : Xml.isTrue(symmetrical));
    }

    private static String orDefault(String value, String otherwise) {
        return value.isEmpty() ? otherwise : value;
    }

    /** A {@code <rule id-ref="r1"/>} stands for the rule with that id elsewhere in the CIB. */
    static Element resolve(Element e, Map<String, Element> ids) {
        String ref = e.getAttribute("id-ref");
        return ref.isEmpty() ? e : ids.getOrDefault(ref, e);
    }

    static void index(Element e, Map<String, Element> ids) {
        if (!e.getAttribute("id").isEmpty() && e.getAttribute("id-ref").isEmpty()) {
            ids.putIfAbsent(e.getAttribute("id"), e);
        }
        for (Element child : Xml.children(e, null)) {
            index(child, ids);
        }
    }
}
