package io.raftbeat.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Maps a node's name to its id in the CIB, as Pacemaker's {@code query_node_uuid} does: the configured
 * {@code <node uname=...>} first, else a {@code <node_state uname=...>} in status. Also this machine's name, the
 * default node of Pacemaker's tools ({@code crm_node -n}).
 */
final class NodeIds {
    private NodeIds() {}

    static Optional<String> find(Document doc, String uname) {
        for (String tag : new String[] {"node", "node_state"}) {
            NodeList nodes = doc.getElementsByTagName(tag);
            for (int i = 0; i < nodes.getLength(); i++) {
                Element e = (Element) nodes.item(i);
                if (uname.equals(e.getAttribute("uname"))) {
                    return Optional.of(e.getAttribute("id").isEmpty() ? uname : e.getAttribute("id"));
                }
            }
        }
        return Optional.empty();
    }

    /** The id of the named node, or Pacemaker's crm_attribute error (105). */
    static String require(Document doc, String uname, String program) throws CliFailure {
        return find(doc, uname)
                .orElseThrow(() -> new CliFailure(105, program + ": Could not map name=" + uname + " to a UUID"));
    }

    /** This machine's node name: the kernel's host name, as {@code uname -n} gives it. */
    static String localName() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/hostname"), StandardCharsets.UTF_8)
                    .strip();
        } catch (IOException e) {
            return "localhost";
        }
    }
}
