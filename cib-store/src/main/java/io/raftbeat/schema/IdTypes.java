package io.raftbeat.schema;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * Which attributes a RelaxNG schema types as ID, IDREF or IDREFS, per element name, read from the schema files
 * themselves. Jing's own ID checking refuses Pacemaker's schemas (the status section allows any element, which
 * conflicts with typed ids), so {@link IdRefCheck} applies these types the way libxml2 does for Pacemaker.
 * Immutable once built.
 */
final class IdTypes {
    static final String RNG = "http://relaxng.org/ns/structure/1.0";

    /** Attribute types by element name, then attribute name: "ID", "IDREF" or "IDREFS". */
    private final Map<String, Map<String, String>> types = new HashMap<>();

    private final Map<Path, Document> files = new HashMap<>();

    private IdTypes() {}

    static IdTypes read(Path schemaFile) throws SchemaException {
        IdTypes t = new IdTypes();
        try {
            t.scanFile(schemaFile.toAbsolutePath().normalize(), new HashSet<>());
        } catch (IOException | SAXException | ParserConfigurationException e) {
            throw new SchemaException(
                    SchemaException.Kind.UNAVAILABLE,
                    "schema file " + schemaFile + " cannot be read: " + e.getMessage());
        }
        return t;
    }

    /** The type of {@code attribute} on {@code element}, or null when it is not an ID type. */
    String typeOf(String element, String attribute) {
        Map<String, String> byAttr = types.get(element);
        return byAttr == null ? null : byAttr.get(attribute);
    }

    boolean isEmpty() {
        return types.isEmpty();
    }

    private void scanFile(Path file, Set<Path> seen) throws IOException, SAXException, ParserConfigurationException {
        if (!seen.add(file)) {
            return;
        }
        Document doc = load(file);
        for (Element e : descendants(doc.getDocumentElement(), "element")) {
            if (e.hasAttribute("name")) {
                collect(e.getAttribute("name"), file, e, new HashSet<>());
            }
        }
        for (Element ref : descendants(doc.getDocumentElement(), "externalRef")) {
            scanFile(file.resolveSibling(ref.getAttribute("href")).normalize(), seen);
        }
        for (Element inc : descendants(doc.getDocumentElement(), "include")) {
            scanFile(file.resolveSibling(inc.getAttribute("href")).normalize(), seen);
        }
    }

    /** Walks one element's content, through refs and externalRefs but not into nested elements. */
    private void collect(String element, Path file, Element pattern, Set<String> visited)
            throws IOException, SAXException, ParserConfigurationException {
        for (Node c = pattern.getFirstChild(); c != null; c = c.getNextSibling()) {
            if (!(c instanceof Element p) || !RNG.equals(p.getNamespaceURI())) {
                continue;
            }
            switch (p.getLocalName()) {
                case "element" -> {}
                case "attribute" -> record(element, p);
                case "ref" -> {
                    if (visited.add(file + "#" + p.getAttribute("name"))) {
                        for (Element def : defines(file, p.getAttribute("name"))) {
                            collect(element, file, def, visited);
                        }
                    }
                }
                case "externalRef" -> {
                    Path other = file.resolveSibling(p.getAttribute("href")).normalize();
                    if (visited.add(other.toString())) {
                        Element start = load(other).getDocumentElement();
                        Element target = start.getLocalName().equals("grammar") ? starts(start) : start;
                        if (target != null) {
                            collect(element, other, target, visited);
                        }
                    }
                }
                default -> collect(element, file, p, visited);
            }
        }
    }

    private void record(String element, Element attribute) {
        if (!attribute.hasAttribute("name")) {
            return;
        }
        for (Element data : descendants(attribute, "data")) {
            String type = data.getAttribute("type");
            if (type.equals("ID") || type.equals("IDREF") || type.equals("IDREFS")) {
                types.computeIfAbsent(element, k -> new HashMap<>()).putIfAbsent(attribute.getAttribute("name"), type);
            }
        }
    }

    private List<Element> defines(Path file, String name)
            throws IOException, SAXException, ParserConfigurationException {
        List<Element> out = new ArrayList<>();
        Element grammar = load(file).getDocumentElement();
        for (Element d : descendants(grammar, "define")) {
            if (d.getAttribute("name").equals(name)) {
                out.add(d);
            }
        }
        for (Element inc : descendants(grammar, "include")) {
            out.addAll(defines(file.resolveSibling(inc.getAttribute("href")).normalize(), name));
        }
        return out;
    }

    private static Element starts(Element grammar) {
        for (Element s : descendants(grammar, "start")) {
            return s;
        }
        return null;
    }

    private Document load(Path file) throws IOException, SAXException, ParserConfigurationException {
        Document doc = files.get(file);
        if (doc == null) {
            DocumentBuilderFactory f = DocumentBuilderFactory.newDefaultInstance();
            f.setNamespaceAware(true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            doc = f.newDocumentBuilder().parse(file.toFile());
            files.put(file, doc);
        }
        return doc;
    }

    private static List<Element> descendants(Element root, String localName) {
        List<Element> out = new ArrayList<>();
        var nodes = root.getElementsByTagNameNS(RNG, localName);
        for (int i = 0; i < nodes.getLength(); i++) {
            out.add((Element) nodes.item(i));
        }
        return out;
    }
}
