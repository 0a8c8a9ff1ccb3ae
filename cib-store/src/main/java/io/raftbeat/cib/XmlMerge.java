package io.raftbeat.cib;

import org.w3c.dom.Attr;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/**
 * Pacemaker's merge rules (lib/common/xml.c and lib/cib/cib_ops.c of 2.1.5), followed line by line: how modify finds
 * its target ({@code update_xml_child}), merges children by name and id ({@code add_xml_object}), how create fills a
 * section ({@code update_cib_object}), and the {@code value="value++"} / {@code value="value+=N"} expansion
 * ({@code expand_plus_plus}). Every mutation goes through the transaction. Recursion is bounded by the XML depth limit.
 */
final class XmlMerge {
    static final int INFINITY = 1_000_000;

    private XmlMerge() {}

    /**
     * {@code update_xml_child}: the first element, in document order from {@code child} itself, with the update's
     * name and the same id (or both without id) receives the update. Returns whether one did.
     */
    static boolean updateXmlChild(CibTransaction tx, Element child, Element update) {
        boolean canUpdate = child.getTagName().equals(update.getTagName()) && sameId(child, update);
        if (canUpdate) {
            addXmlObject(tx, null, child, update);
            return true;
        }
        for (Node c = child.getFirstChild(); c != null; c = c.getNextSibling()) {
            if (c instanceof Element e && updateXmlChild(tx, e, update)) {
                return true;
            }
        }
        return false;
    }

    /** {@code add_xml_object} without diff mode: attributes overwrite (with ++ expansion), children merge. */
    static void addXmlObject(CibTransaction tx, Element parent, Element target, Element update) {
        if (target == null) {
            String hrefName = update.hasAttribute("id") ? "id" : update.hasAttribute("idref") ? "idref" : null;
            target = match(
                    parent, update.getTagName(), hrefName, hrefName == null ? null : update.getAttribute(hrefName));
        }
        if (target == null) {
            target = tx.document().createElement(update.getTagName());
            tx.append(parent, target, true);
        }
        copyInProperties(tx, target, update);
        for (Node c = update.getFirstChild(); c != null; c = c.getNextSibling()) {
            if (c instanceof Element e) {
                addXmlObject(tx, target, null, e);
            }
        }
    }

    /** {@code update_cib_object}: used by create once the id is known to be free. */
    static void updateCibObject(CibTransaction tx, Element parent, Element update) {
        String id = update.hasAttribute("id") ? update.getAttribute("id") : null;
        Element target = match(parent, update.getTagName(), id == null ? null : "id", id);
        if (target == null) {
            target = tx.document().createElement(update.getTagName());
            tx.append(parent, target, true);
        }
        copyInProperties(tx, target, update);
        for (Node c = update.getFirstChild(); c != null; c = c.getNextSibling()) {
            if (c instanceof Element e) {
                updateCibObject(tx, target, e);
            }
        }
    }

    /** {@code pcmk__xe_match}: the first child with that name and, when given, that attribute value. */
    static Element match(Element parent, String name, String attr, String value) {
        for (Node c = parent.getFirstChild(); c != null; c = c.getNextSibling()) {
            if (c instanceof Element e
                    && e.getTagName().equals(name)
                    && (attr == null
                            || (e.hasAttribute(attr) && e.getAttribute(attr).equals(value)))) {
                return e;
            }
        }
        return null;
    }

    static void copyInProperties(CibTransaction tx, Element target, Element src) {
        NamedNodeMap attrs = src.getAttributes();
        for (int i = 0; i < attrs.getLength(); i++) {
            Attr a = (Attr) attrs.item(i);
            expandPlusPlus(tx, target, a.getName(), a.getValue());
        }
    }

    /** {@code expand_plus_plus}: "NAME++" adds one to the old value, "NAME+=N" adds N (scores, capped at INFINITY). */
    static void expandPlusPlus(CibTransaction tx, Element target, String name, String value) {
        if (!target.hasAttribute(name) || !isPlusPlus(name, value)) {
            tx.setAttribute(target, name, value);
            return;
        }
        int result = char2score(target.getAttribute(name)) + increment(name, value);
        tx.setAttribute(target, name, Integer.toString(Math.min(result, INFINITY)));
    }

    /**
     * {@code fix_plus_plus_recursive}: an increment left in the result (no old value to add to) counts from zero.
     * The element has already been recorded in the transaction, so this mutates directly.
     */
    static void fixPlusPlus(Element e) {
        NamedNodeMap attrs = e.getAttributes();
        for (int i = 0; i < attrs.getLength(); i++) {
            Attr a = (Attr) attrs.item(i);
            if (isPlusPlus(a.getName(), a.getValue())) {
                a.setValue(Integer.toString(Math.min(increment(a.getName(), a.getValue()), INFINITY)));
            }
        }
        for (Node c = e.getFirstChild(); c != null; c = c.getNextSibling()) {
            if (c instanceof Element child) {
                fixPlusPlus(child);
            }
        }
    }

    private static boolean isPlusPlus(String name, String value) {
        int n = name.length();
        return value.startsWith(name)
                && value.length() >= n + 2
                && value.charAt(n) == '+'
                && (value.charAt(n + 1) == '+' || value.charAt(n + 1) == '=');
    }

    private static int increment(String name, String value) {
        int n = name.length();
        return value.charAt(n + 1) == '+' ? 1 : char2score(value.substring(n + 2));
    }

    /** Pacemaker's {@code char2score}: INFINITY words, the health colours (0 here), else a clamped integer. */
    static int char2score(String score) {
        if (score == null) {
            return 0;
        }
        if (score.equals("-INFINITY")) {
            return -INFINITY;
        }
        if (score.equals("INFINITY") || score.equals("+INFINITY")) {
            return INFINITY;
        }
        if (score.equalsIgnoreCase("red") || score.equalsIgnoreCase("yellow") || score.equalsIgnoreCase("green")) {
            return 0;
        }
        long v = strtoll(score);
        return (int) Math.max(-INFINITY, Math.min(INFINITY, v));
    }

    /** C's strtoll in base 10: leading blanks, a sign, then digits up to the first non-digit; none gives 0. */
    static long strtoll(String s) {
        int i = 0;
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        boolean negative = false;
        if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            negative = s.charAt(i) == '-';
            i++;
        }
        long v = 0;
        for (; i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9'; i++) {
            v = v * 10 + (s.charAt(i) - '0');
            if (v > 10L * INFINITY) {
                break; // already beyond any score: clamped by the caller
            }
        }
        return negative ? -v : v;
    }

    private static boolean sameId(Element a, Element b) {
        boolean ha = a.hasAttribute("id");
        boolean hb = b.hasAttribute("id");
        return ha == hb && (!ha || a.getAttribute("id").equals(b.getAttribute("id")));
    }
}
