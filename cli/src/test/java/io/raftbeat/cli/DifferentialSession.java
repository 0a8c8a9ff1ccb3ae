package io.raftbeat.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;

/**
 * A session of steps run twice, with Pacemaker's own tool ({@code /usr/sbin/PROGRAM}, offline on {@code CIB_file})
 * and with ours, each on its own copy of one CIB. After every step the exit codes, standard output, error line and
 * the resulting CIBs must agree; the CIBs compared without their version counters, and attribute and sibling order
 * aside. Pacemaker's multi-line errors match our one line when it is their first line or all their lines joined.
 * Dates (a --lifetime's end) are compared as "DATE". Pacemaker 2.1.5 refuses a CIB newer than its feature set
 * 3.16.1, so the copies carry that.
 */
final class DifferentialSession {
    private static final Set<String> VERSIONS = Set.of("epoch", "num_updates", "cib-last-written");
    private static final String DATE = "\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\dZ";

    private final Path theirs;
    private final Path ours;
    private final List<String> mismatches = new ArrayList<>();

    DifferentialSession(Path dir, Path fixture) throws Exception {
        String cib = Files.readString(fixture, StandardCharsets.UTF_8).replace("3.16.2", "3.16.1");
        theirs = dir.resolve("theirs.xml");
        ours = dir.resolve("ours.xml");
        Files.writeString(theirs, cib, StandardCharsets.UTF_8);
        Files.writeString(ours, cib, StandardCharsets.UTF_8);
    }

    /** Runs one step with both tools and records how they differ. */
    CliRun step(String program, String... args) throws Exception {
        Path tool = Path.of("/usr/sbin", program);
        assertTrue(
                Files.isExecutable(tool), "Pacemaker's " + program + " is needed: apt-get install pacemaker-cli-utils");
        CliRun their = Pacemaker.run(tool, theirs, List.of(args));
        List<String> all = new ArrayList<>(List.of(program));
        all.addAll(List.of(args));
        CliRun our = CliRun.run(Map.of("CIB_file", ours.toString()), all.toArray(String[]::new));
        String what = program + " " + String.join(" ", args);
        if (their.exitCode() != our.exitCode()) {
            mismatches.add(what + ": Pacemaker exit " + their.exitCode() + " ("
                    + their.err().strip() + "), ours " + our.exitCode() + " ("
                    + our.err().strip() + ")");
        } else if (!dated(their.out()).equals(dated(our.out()))) {
            mismatches.add(what + ":\n--- Pacemaker:\n" + their.out() + "--- ours:\n" + our.out());
        } else if (!sameError(their.err(), our.err())) {
            mismatches.add(what + ": Pacemaker said " + their.err().strip() + ", ours "
                    + our.err().strip());
        } else if (!canonical(theirs).equals(canonical(ours))) {
            mismatches.add(what + ": the CIBs differ:\n--- Pacemaker:\n" + canonical(theirs) + "\n--- ours:\n"
                    + canonical(ours));
        }
        return our;
    }

    List<String> mismatches() {
        return mismatches;
    }

    Path ours() {
        return ours;
    }

    private static boolean sameError(String their, String our) {
        List<String> lines = their.strip().lines().toList();
        String mine = our.strip();
        return lines.isEmpty() ? mine.isEmpty() : mine.equals(lines.get(0)) || mine.equals(String.join(" ", lines));
    }

    private static String dated(String text) {
        return text.replaceAll(DATE, "DATE");
    }

    /** The CIB as one string: element, sorted attributes, sorted children; no versions, dates as DATE. */
    static String canonical(Path file) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        Element root = factory.newDocumentBuilder()
                .parse(new InputSource(new StringReader(Files.readString(file, StandardCharsets.UTF_8))))
                .getDocumentElement();
        return dated(canonical(root));
    }

    private static String canonical(Element e) {
        Map<String, String> attrs = new TreeMap<>();
        NamedNodeMap map = e.getAttributes();
        for (int i = 0; i < map.getLength(); i++) {
            Node a = map.item(i);
            if (!(e.getTagName().equals("cib") && VERSIONS.contains(a.getNodeName()))) {
                attrs.put(a.getNodeName(), a.getNodeValue());
            }
        }
        List<String> children = new ArrayList<>();
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element child) {
                children.add(canonical(child));
            }
        }
        children.sort(null);
        return "<" + e.getTagName() + attrs + String.join("", children) + ">";
    }
}
