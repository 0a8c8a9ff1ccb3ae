package io.raftbeat.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Node;

/**
 * Our cibadmin against Pacemaker's own ({@code /usr/sbin/cibadmin}, Debian's pacemaker-cli-utils), both on a copy of
 * the same CIB file: after every step of a session the exit codes must agree, and so must what queries print (as XML,
 * attribute order aside). Fails, rather than skips, where Pacemaker's cibadmin is not installed.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PacemakerDifferentialTest {
    private static final Path PACEMAKER = Path.of("/usr/sbin/cibadmin");

    private static final List<List<String>> SESSION = List.of(
            List.of(
                    "-C",
                    "-o",
                    "resources",
                    "-X",
                    "<primitive id=\"test_8\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\"><operations>"
                            + "<op id=\"test_8_mon\" interval=\"10s\" name=\"monitor\" timeout=\"20s\"/>"
                            + "</operations></primitive>"),
            List.of(
                    "-M",
                    "-o",
                    "resources",
                    "-X",
                    "<op id=\"test_8_mon\" interval=\"1s\" name=\"monitor\" timeout=\"2s\"/>"),
            List.of("-Q", "-o", "resources"),
            List.of(
                    "-C",
                    "-o",
                    "resources",
                    "-X",
                    "<primitive id=\"test_8\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\"/>"),
            List.of("-M", "-o", "resources", "-X", "<op id=\"nothere\" interval=\"1s\" name=\"monitor\"/>"),
            List.of(
                    "-R",
                    "-o",
                    "resources",
                    "-X",
                    "<primitive id=\"test_8\" class=\"ocf\" provider=\"heartbeat\" type=\"Stateful\"/>"),
            List.of(
                    "-R",
                    "-o",
                    "resources",
                    "-X",
                    "<primitive id=\"nothere\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\"/>"),
            List.of("-Q", "-A", "//primitive[@id='test_8']"),
            List.of(
                    "-M",
                    "-c",
                    "-o",
                    "crm_config",
                    "-X",
                    "<cluster_property_set id=\"cps\"><nvpair id=\"n1\" name=\"a\" value=\"1\"/></cluster_property_set>"),
            List.of("-Q", "-A", "//nvpair[@id='n1']", "-n"),
            List.of("-Q", "-A", "//nvpair[@id='none']"),
            List.of("-D", "-X", "<primitive id=\"nothere\"/>"),
            List.of("-B"),
            List.of("-M", "-X", "<cib admin_epoch=\"0\" epoch=\"0\" num_updates=\"0\"/>"),
            List.of("-E"),
            List.of("-d", "--force", "-A", "//nvpair[@id='n1']"),
            List.of("-Q", "-o", "crm_config"),
            List.of("-D", "-X", "<primitive id=\"test_8\" class=\"ocf\" provider=\"heartbeat\" type=\"Stateful\"/>"),
            List.of("-Q", "-o", "resources"));

    @TempDir
    Path dir;

    @Test
    void sessionGivesPacemakersExitCodesAndOutput() throws Exception {
        assertTrue(
                Files.isExecutable(PACEMAKER),
                "Pacemaker's cibadmin is needed for this test: apt-get install pacemaker-cli-utils");
        Path theirs = dir.resolve("theirs.xml");
        Path ours = dir.resolve("ours.xml");
        String empty = pacemaker(dir.resolve("unused.xml"), List.of("--empty")).out();
        Files.writeString(theirs, empty, StandardCharsets.UTF_8);
        Files.writeString(ours, empty, StandardCharsets.UTF_8);
        List<String> mismatches = new ArrayList<>();
        for (List<String> step : SESSION) {
            CliRun expected = pacemaker(theirs, step);
            CliRun actual = ours(ours, step);
            if (expected.exitCode() != actual.exitCode()) {
                mismatches.add(step + ": Pacemaker exit " + expected.exitCode() + ", ours " + actual.exitCode() + " ("
                        + actual.err().strip() + ")");
            } else if (step.get(0).equals("-Q") && expected.exitCode() == 0 && !sameXml(expected.out(), actual.out())) {
                mismatches.add(step + ": Pacemaker printed " + expected.out() + "ours " + actual.out());
            }
            if (actual.exitCode() != 0) {
                assertTrue(actual.oneErrorLine(), step + ": one line on stderr, got: " + actual.err());
            }
        }
        assertEquals(List.of(), mismatches);
    }

    private static CliRun ours(Path file, List<String> step) {
        List<String> args = new ArrayList<>(List.of("cibadmin"));
        args.addAll(step);
        return CliRun.run(Map.of("CIB_file", file.toString()), args.toArray(String[]::new));
    }

    private static CliRun pacemaker(Path file, List<String> step) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(PACEMAKER.toString()));
        command.addAll(step);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("CIB_file", file.toString());
        Path out = Files.createTempFile(file.getParent(), "out", ".txt");
        Path err = Files.createTempFile(file.getParent(), "err", ".txt");
        Process process =
                builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "Pacemaker's cibadmin " + step + " hung");
        return new CliRun(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    /** Equal as XML: same elements, attributes (in any order) and text, ignoring indentation. */
    private static boolean sameXml(String a, String b) throws Exception {
        return parse(a).isEqualNode(parse(b));
    }

    private static Document parse(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document doc =
                factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        dropWhitespace(doc.getDocumentElement());
        return doc;
    }

    private static void dropWhitespace(Node node) {
        for (Node child = node.getFirstChild(); child != null; ) {
            Node next = child.getNextSibling();
            if (child.getNodeType() == Node.TEXT_NODE && child.getTextContent().isBlank()) {
                node.removeChild(child);
            } else {
                dropWhitespace(child);
            }
            child = next;
        }
    }
}
