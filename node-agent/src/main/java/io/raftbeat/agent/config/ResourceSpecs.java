package io.raftbeat.agent.config;

import io.raftbeat.agent.exec.AgentCall;
import io.raftbeat.proto.v1.ResourceSpec;
import java.io.IOException;
import java.io.StringReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * The primitives of a CIB as agents run them: every {@code primitive} under {@code resources} (inside groups,
 * clones and bundles too) with its first {@code instance_attributes} and {@code meta_attributes} sets. Pure.
 */
public final class ResourceSpecs {
    private ResourceSpecs() {}

    /** Every primitive of {@code cibXml} (a whole CIB or any part of one holding primitives), in document order. */
    public static List<ResourceSpec> fromCib(String cibXml) {
        NodeList primitives = parse(cibXml).getElementsByTagName("primitive");
        List<ResourceSpec> specs = new ArrayList<>(primitives.getLength());
        for (int i = 0; i < primitives.getLength(); i++) {
            specs.add(of((Element) primitives.item(i)));
        }
        return specs;
    }

    /** The primitive {@code id} of {@code cibXml}, if there is one. */
    public static Optional<ResourceSpec> find(String cibXml, String id) {
        return fromCib(cibXml).stream().filter(s -> s.getId().equals(id)).findFirst();
    }

    /** The executor call that runs an operation of {@code spec} with this interval and timeout. */
    public static AgentCall call(ResourceSpec spec, long intervalMs, Duration timeout) {
        return new AgentCall(
                spec.getId(),
                spec.getProvider(),
                spec.getType(),
                spec.getParametersMap(),
                spec.getMetaMap(),
                intervalMs,
                timeout);
    }

    static ResourceSpec of(Element primitive) {
        ResourceSpec.Builder spec = ResourceSpec.newBuilder()
                .setId(primitive.getAttribute("id"))
                .setResourceClass(primitive.getAttribute("class"))
                .setProvider(primitive.getAttribute("provider"))
                .setType(primitive.getAttribute("type"));
        Element params = firstChild(primitive, "instance_attributes");
        if (params != null) {
            forEachNvpair(params, spec::putParameters);
        }
        Element meta = firstChild(primitive, "meta_attributes");
        if (meta != null) {
            forEachNvpair(meta, spec::putMeta);
        }
        return spec.build();
    }

    private interface Put {
        void put(String name, String value);
    }

    private static void forEachNvpair(Element set, Put put) {
        for (Node n = set.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals("nvpair")) {
                put.put(e.getAttribute("name"), e.getAttribute("value"));
            }
        }
    }

    private static Element firstChild(Element parent, String tag) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(tag)) {
                return e;
            }
        }
        return null;
    }

    private static Document parse(String xml) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setExpandEntityReferences(false);
            DocumentBuilder b = f.newDocumentBuilder();
            return b.parse(new InputSource(new StringReader(xml)));
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw new IllegalArgumentException("not a CIB: " + e.getMessage(), e);
        }
    }
}
