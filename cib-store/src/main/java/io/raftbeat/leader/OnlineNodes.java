package io.raftbeat.leader;

import io.raftbeat.cib.Cib;
import java.util.ArrayList;
import java.util.List;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** The nodes the CIB's status section holds online ({@code node_state crmd="online"}). Pure; read under cibLock. */
final class OnlineNodes {
    private OnlineNodes() {}

    static List<String> of(Cib cib) {
        List<String> out = new ArrayList<>();
        Element root = cib.document().getDocumentElement();
        for (Node s = root.getFirstChild(); s != null; s = s.getNextSibling()) {
            if (s instanceof Element status && status.getTagName().equals("status")) {
                for (Node c = status.getFirstChild(); c != null; c = c.getNextSibling()) {
                    if (c instanceof Element e
                            && e.getTagName().equals("node_state")
                            && e.getAttribute("crmd").equals("online")) {
                        out.add(e.hasAttribute("uname") ? e.getAttribute("uname") : e.getAttribute("id"));
                    }
                }
            }
        }
        return out;
    }

    static boolean isOnline(Cib cib, String node) {
        return of(cib).contains(node);
    }
}
