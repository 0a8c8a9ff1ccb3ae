package io.raftbeat.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.raftbeat.cib.Cib;
import io.raftbeat.cib.CibOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

@Timeout(60)
class JingSchemaValidatorTest {
    private static final Path DIR = CibOptions.DEFAULT_SCHEMA_DIR;

    @BeforeAll
    static void requireSchemas() {
        if (!Files.exists(DIR.resolve("pacemaker-3.9.rng"))) {
            if (System.getenv("CI") != null) {
                throw new AssertionError("Pacemaker's schemas are missing in " + DIR + " (install pacemaker-common)");
            }
            Assumptions.abort("Pacemaker's schemas are not installed in " + DIR);
        }
    }

    private static Document doc(String resources) throws Exception {
        return Cib.parse(
                        "<cib validate-with=\"pacemaker-3.9\" epoch=\"1\" num_updates=\"0\" admin_epoch=\"0\">"
                                + "<configuration><crm_config/><nodes/><resources>" + resources
                                + "</resources><constraints/>"
                                + "</configuration><status/></cib>",
                        CibOptions.defaults())
                .document();
    }

    @Test
    void aConformingCibPasses() throws Exception {
        JingSchemaValidator.forDirectory(DIR).validate(Cib.empty().document(), "pacemaker-3.9");
        JingSchemaValidator.forDirectory(DIR)
                .validate(
                        doc("<primitive id=\"a\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\"/>"),
                        "pacemaker-3.9");
    }

    @Test
    void aNonConformingCibGivesJingsFirstErrorOnOneLine() throws Exception {
        SchemaException e = assertThrows(SchemaException.class, () -> JingSchemaValidator.forDirectory(DIR)
                .validate(doc("<primitive id=\"a\"/>"), "pacemaker-3.9"));
        assertEquals(SchemaException.Kind.INVALID, e.kind());
        assertTrue(e.getMessage().contains("primitive"), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"));
    }

    @Test
    void duplicateIdsAndDanglingReferencesAreInvalid() throws Exception {
        String dummy = "<primitive id=\"a\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\"/>";
        SchemaException dup = assertThrows(SchemaException.class, () -> JingSchemaValidator.forDirectory(DIR)
                .validate(doc(dummy + dummy), "pacemaker-3.9"));
        assertTrue(dup.getMessage().contains("\"a\""), dup.getMessage());
        Document dangling = Cib.parse(
                        "<cib validate-with=\"pacemaker-3.9\" epoch=\"1\" num_updates=\"0\" "
                                + "admin_epoch=\"0\"><configuration><crm_config/><nodes/><resources/><constraints>"
                                + "<rsc_location id=\"l\" rsc=\"nope\" node=\"n\" score=\"1\"/>"
                                + "</constraints></configuration>"
                                + "<status/></cib>",
                        CibOptions.defaults())
                .document();
        SchemaException ref = assertThrows(SchemaException.class, () -> JingSchemaValidator.forDirectory(DIR)
                .validate(dangling, "pacemaker-3.9"));
        assertTrue(ref.getMessage().contains("nope"), ref.getMessage());
    }

    @Test
    void aMissingSchemaFileIsNamed(@TempDir Path empty) throws Exception {
        SchemaException e = assertThrows(SchemaException.class, () -> new JingSchemaValidator(empty)
                .validate(Cib.empty().document(), "pacemaker-3.9"));
        assertEquals(SchemaException.Kind.UNAVAILABLE, e.kind());
        assertTrue(e.getMessage().contains(empty.resolve("pacemaker-3.9.rng").toString()), e.getMessage());
        SchemaException traversal = assertThrows(SchemaException.class, () -> new JingSchemaValidator(empty)
                .validate(Cib.empty().document(), "../etc/passwd"));
        assertEquals(SchemaException.Kind.UNAVAILABLE, traversal.kind());
    }

    @Test
    void oneValidatorPerDirectoryServesThreadsConcurrently() throws Exception {
        assertSame(JingSchemaValidator.forDirectory(DIR), JingSchemaValidator.forDirectory(DIR));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            java.util.List<Future<?>> runs = new java.util.ArrayList<>();
            for (int i = 0; i < 8; i++) {
                // A DOM is not safe to read from two threads at once (Xerces caches as it reads): one per thread.
                Document valid = Cib.empty().document();
                runs.add(pool.submit(() -> {
                    JingSchemaValidator.forDirectory(DIR).validate(valid, "pacemaker-3.9");
                    return null;
                }));
            }
            for (Future<?> f : runs) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
