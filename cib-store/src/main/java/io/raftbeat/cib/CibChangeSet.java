package io.raftbeat.cib;

import io.raftbeat.proto.v1.Change;
import io.raftbeat.proto.v1.ChangeType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.w3c.dom.Element;

/**
 * The top-level elements one transaction put and deleted, found from what it recorded (touched elements, changed
 * child lists, sections that came or went) without scanning the document; then turned into a {@link CibDelta}.
 */
final class CibChangeSet {
    /** One top-level element, with the section and position it is keyed under. */
    private record Entry(ElementKey key, int sectionIndex, String sectionPath, Element element) {}

    private final Map<ElementKey, Entry> puts = new LinkedHashMap<>();
    private final Map<ElementKey, Entry> deletes = new LinkedHashMap<>();
    private final List<Entry> allDeleted = new ArrayList<>();

    private CibChangeSet() {}

    static CibChangeSet collect(Cib cib, CibTransaction tx) {
        CibChangeSet set = new CibChangeSet();
        List<Element> after = cib.sections();
        Set<Element> afterSet = identitySet(after);
        Set<Element> beforeSet = identitySet(tx.originalSections());
        List<Element> ordered = new ArrayList<>(after);
        for (Element s : tx.originalSections()) {
            if (!afterSet.contains(s)) {
                ordered.add(s);
            }
        }
        for (int i = 0; i < ordered.size(); i++) {
            Element s = ordered.get(i);
            boolean was = beforeSet.contains(s);
            boolean is = afterSet.contains(s);
            if (was && is && !tx.childrenChanged(s)) {
                continue;
            }
            List<Element> b = was ? tx.childrenBefore(s) : List.of();
            List<Element> a = is ? CibTransaction.children(s) : List.of();
            Set<Element> bSet = identitySet(b);
            Set<Element> aSet = identitySet(a);
            for (Element e : b) {
                if (!aSet.contains(e)) {
                    set.add(set.deletes, s, i, e);
                }
            }
            for (Element e : a) {
                if (!bSet.contains(e)) {
                    set.add(set.puts, s, i, e);
                }
            }
        }
        for (Element unit : tx.touchedUnits()) {
            if (unit.getParentNode() instanceof Element s && afterSet.contains(s) && CibSections.isSection(s)) {
                if (!unit.isEqualNode(tx.backupOf(unit))) {
                    set.add(set.puts, s, ordered.indexOf(s), unit);
                }
            }
        }
        set.deletes.keySet().removeAll(set.puts.keySet());
        return set;
    }

    /** The elements put, for the last touches before they are serialized (++ expansion). */
    Collection<Element> putElements() {
        List<Element> out = new ArrayList<>();
        puts.values().forEach(e -> out.add(e.element()));
        return out;
    }

    /** The delta; {@code reportChanges} false leaves out the Change list (the content did not change). */
    CibDelta toDelta(Cib cib, boolean reportChanges) {
        Map<ElementKey, byte[]> putBytes = new LinkedHashMap<>();
        Map<ElementKey, String> putXml = new LinkedHashMap<>();
        List<Entry> changes = new ArrayList<>();
        Set<String> putIds = new LinkedHashSet<>();
        for (Entry e : puts.values()) {
            String xml = XmlWriter.compact(e.element());
            putXml.put(e.key(), xml);
            putBytes.put(e.key(), xml.getBytes(StandardCharsets.UTF_8));
            changes.add(e);
            putIds.add(e.key().section() + "\0" + e.element().getTagName() + "\0"
                    + e.element().getAttribute("id"));
        }
        Set<ElementKey> deleteKeys = new LinkedHashSet<>(deletes.keySet());
        // A key reused by a replaced section still reports the old element's removal (unless it is put again).
        for (Entry e : allDeleted) {
            String ident = e.key().section() + "\0" + e.element().getTagName() + "\0"
                    + e.element().getAttribute("id");
            if (!putIds.contains(ident)) {
                changes.add(e);
            }
        }
        changes.sort(Comparator.comparingInt(Entry::sectionIndex)
                .thenComparingLong(e -> e.key().seq()));
        List<Change> out = new ArrayList<>(changes.size());
        for (Entry e : changes) {
            out.add(change(e, puts.get(e.key()) == e ? putXml.get(e.key()) : null));
        }
        return new CibDelta(
                cib.skeleton(),
                Collections.unmodifiableMap(putBytes),
                Collections.unmodifiableSet(deleteKeys),
                reportChanges ? List.copyOf(out) : List.of());
    }

    private void add(Map<ElementKey, Entry> into, Element section, int index, Element e) {
        String name = section.getTagName();
        String path = CibSections.STATUS.equals(name) ? "/cib/status" : "/cib/configuration/" + name;
        Entry entry = new Entry(new ElementKey(name, Cib.seqOf(e)), index, path, e);
        into.put(entry.key(), entry);
        if (into == deletes) {
            allDeleted.add(entry);
        }
    }

    private static Change change(Entry e, String putXml) {
        boolean put = putXml != null;
        Element el = e.element();
        String id = el.getAttribute("id");
        Change.Builder c = Change.newBuilder()
                .setType(put ? ChangeType.CHANGE_PUT : ChangeType.CHANGE_DELETE)
                .setSection(e.key().section())
                .setId(id)
                .setPath(e.sectionPath() + "/" + el.getTagName() + predicate(id));
        if (put) {
            c.setXml(putXml);
        }
        if (el.getTagName().equals("node") || el.getTagName().equals("node_state")) {
            c.setNode(el.hasAttribute("uname") ? el.getAttribute("uname") : id);
        }
        return c.build();
    }

    private static String predicate(String id) {
        if (id.isEmpty()) {
            return "";
        }
        return id.indexOf('\'') < 0 ? "[@id='" + id + "']" : "[@id=\"" + id + "\"]";
    }

    private static Set<Element> identitySet(Collection<Element> elements) {
        Set<Element> s = Collections.newSetFromMap(new IdentityHashMap<>());
        s.addAll(elements);
        return s;
    }
}
