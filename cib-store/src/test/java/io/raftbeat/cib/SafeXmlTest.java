package io.raftbeat.cib;

import static io.raftbeat.cib.CibTestSupport.OPTIONS;
import static io.raftbeat.cib.CibTestSupport.req;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.raftbeat.proto.v1.CibOperation;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class SafeXmlTest {
    private static CibException refused(String xml) {
        return assertThrows(CibException.class, () -> SafeXml.parse(xml, 1 << 20));
    }

    private static void assertOneLine(CibException e) {
        assertEquals(CibError.DATAERR, e.error());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void doctypeIsRefused() {
        CibException e = refused("<!DOCTYPE cib><cib/>");
        assertOneLine(e);
        assertEquals("XML rejected: DOCTYPE is not allowed", e.getMessage());
    }

    @Test
    void billionLaughsIsRefusedNotExpanded() {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">");
        for (int i = 1; i < 10; i++) {
            xml.append("<!ENTITY lol").append(i).append(" \"");
            xml.append(("&lol" + (i == 1 ? "" : i - 1) + ";").repeat(10)).append("\">");
        }
        xml.append("]><cib>&lol9;</cib>");
        CibException e = refused(xml.toString());
        assertOneLine(e);
        assertTrue(e.getMessage().contains("DOCTYPE"), e.getMessage());
    }

    @Test
    void externalEntityIsRefusedAndNotRead(@TempDir Path dir) throws Exception {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "TOPSECRET");
        CibException e = refused("<!DOCTYPE cib [<!ENTITY x SYSTEM \"" + secret.toUri() + "\">]><cib a=\"&x;\"/>");
        assertOneLine(e);
        assertFalse(e.getMessage().contains("TOPSECRET"));
    }

    @Test
    void undeclaredEntityIsNotWellFormed() {
        CibException e = refused("<cib a=\"&x;\"/>");
        assertOneLine(e);
    }

    @Test
    void oversizeDocumentIsRefusedBeforeParsing() {
        String big = "<cib>" + "<nvpair id=\"x\"/>".repeat(2000) + "</cib>";
        CibException e = assertThrows(CibException.class, () -> SafeXml.parse(big, 1000));
        assertOneLine(e);
        assertTrue(e.getMessage().contains("over the limit of 1000 bytes"), e.getMessage());
    }

    @Test
    void deepNestingIsRefused() {
        int depth = 100_000;
        String xml = "<a>".repeat(depth) + "</a>".repeat(depth);
        CibException e = refused(xml);
        assertOneLine(e);
        assertTrue(e.getMessage().contains("nested deeper than " + SafeXml.MAX_DEPTH), e.getMessage());
    }

    @Test
    void nestingAtTheLimitIsAccepted() throws Exception {
        int depth = SafeXml.MAX_DEPTH;
        SafeXml.parse("<a>".repeat(depth) + "</a>".repeat(depth), 1 << 20);
    }

    @Test
    void malformedXmlNamesLineAndColumn() {
        CibException e = refused("<cib><configuration></cib>");
        assertOneLine(e);
        assertTrue(e.getMessage().startsWith("XML is not well-formed: line 1, column "), e.getMessage());
    }

    @Test
    void unclosedElementIsMalformedNotAnEntityProblem() {
        CibException e = refused("<primitive id=\"x\">");
        assertTrue(e.getMessage().startsWith("XML is not well-formed: "), e.getMessage());
    }

    @Test
    void emptyInputIsRefused() {
        assertOneLine(refused("   "));
    }

    @Test
    void badRequestXmlLeavesTheCibUnchanged() throws Exception {
        Cib cib = Cib.empty();
        String before = cib.toXml();
        for (String bad :
                new String[] {"<!DOCTYPE x><primitive/>", "<primitive", "<a>".repeat(300) + "</a>".repeat(300)}) {
            CibException e = assertThrows(
                    CibException.class,
                    () -> CibOperations.apply(
                            cib,
                            req(CibOperation.CIB_CREATE)
                                    .setScope("resources")
                                    .setXml(bad)
                                    .build(),
                            OPTIONS));
            assertEquals(65, e.error().exitCode());
        }
        var small = new CibOptions(CibOptions.DEFAULT_SCHEMA_DIR, 64, true);
        CibException e = assertThrows(
                CibException.class,
                () -> CibOperations.apply(
                        cib,
                        req(CibOperation.CIB_CREATE)
                                .setScope("resources")
                                .setXml(CibTestSupport.primitive("a-rather-long-resource-name"))
                                .build(),
                        small));
        assertEquals(CibError.DATAERR, e.error());
        assertEquals(before, cib.toXml());
    }

    @Test
    void cibParseRefusesANonCibRoot() {
        CibException e = assertThrows(CibException.class, () -> Cib.parse("<resources/>", OPTIONS));
        assertOneLine(e);
    }

    @Test
    void aMergeThatWouldNestTooDeepIsRefused() throws Exception {
        Cib cib = Cib.empty();
        CibTestSupport.create(cib, "resources", CibTestSupport.primitive("a"));
        String before = cib.toXml();
        int depth = SafeXml.MAX_DEPTH - 2;
        String deep = "<primitive id=\"a\">" + "<x>".repeat(depth) + "</x>".repeat(depth) + "</primitive>";
        CibException e = assertThrows(CibException.class, () -> CibTestSupport.modify(cib, "", deep));
        assertOneLine(e);
        assertTrue(e.getMessage().contains("deeper than"), e.getMessage());
        assertEquals(before, cib.toXml());
    }
}
