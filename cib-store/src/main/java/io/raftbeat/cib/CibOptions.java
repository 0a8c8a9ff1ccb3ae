package io.raftbeat.cib;

import java.nio.file.Path;

/**
 * Limits and schema location for CIB operations.
 *
 * @param schemaDir where Pacemaker's RelaxNG files live (Debian's pacemaker-common: /usr/share/pacemaker)
 * @param maxXmlBytes the largest XML document accepted from a client (default 16 MiB)
 * @param validate whether configuration changes are validated against the schema named by validate-with
 */
public record CibOptions(Path schemaDir, int maxXmlBytes, boolean validate) {
    public static final Path DEFAULT_SCHEMA_DIR = Path.of("/usr/share/pacemaker");
    public static final int DEFAULT_MAX_XML_BYTES = 16 * 1024 * 1024;

    public static CibOptions defaults() {
        return new CibOptions(DEFAULT_SCHEMA_DIR, DEFAULT_MAX_XML_BYTES, true);
    }
}
