package io.raftbeat.status;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.w3c.dom.Element;

/** Reads the {@code resources} section into {@link ConfiguredResource} trees: primitives, groups, clones. Pure. */
final class Resources {
    private Resources() {}

    static List<ConfiguredResource> of(Element resources, Map<String, String> defaults) {
        List<ConfiguredResource> list = new ArrayList<>();
        for (Element e : Xml.children(resources, null)) {
            ConfiguredResource r = one(e, defaults);
            if (r != null) {
                list.add(r);
            }
        }
        return list;
    }

    private static ConfiguredResource one(Element e, Map<String, String> inherited) {
        Map<String, String> meta = new LinkedHashMap<>(inherited);
        meta.putAll(Xml.nvpairs(e, "meta_attributes"));
        ConfiguredResource.Kind kind =
                switch (e.getTagName()) {
                    case "primitive" -> ConfiguredResource.Kind.PRIMITIVE;
                    case "group" -> ConfiguredResource.Kind.GROUP;
                    case "clone", "master" -> ConfiguredResource.Kind.CLONE;
                    default -> null; // bundles, templates: not unpacked yet
                };
        if (kind == null) {
            return null;
        }
        List<ConfiguredResource> children = new ArrayList<>();
        if (kind != ConfiguredResource.Kind.PRIMITIVE) {
            for (Element child : Xml.children(e, null)) {
                ConfiguredResource c = one(child, meta);
                if (c != null) {
                    children.add(c);
                }
            }
        }
        return new ConfiguredResource(
                e.getAttribute("id"),
                kind,
                e.getAttribute("class"),
                e.getAttribute("provider"),
                e.getAttribute("type"),
                meta,
                children);
    }
}
