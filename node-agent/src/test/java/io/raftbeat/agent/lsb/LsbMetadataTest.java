package io.raftbeat.agent.lsb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class LsbMetadataTest {
    @Test
    void headerFieldsAndTheDescriptionsContinuationLinesAreRead() {
        Map<String, String> header =
                LsbMetadata.header("#!/bin/sh\n# Provides: not-in-header\n### BEGIN INIT INFO\n# Provides: web\n"
                        + "# Description: first\n#\tsecond\n#  third\n# Short-Description: short\n"
                        + "### END INIT INFO\n# Default-Start: 9\n");
        assertEquals(
                Map.of("Provides", "web", "Description", "first second third", "Short-Description", "short"), header);
    }

    @Test
    void aScriptWithoutHeaderIsDescribedByItsName() {
        String xml = LsbMetadata.of("plain", "#!/bin/sh\necho hi\n", false);
        assertTrue(xml.contains("<shortdesc lang=\"en\">plain</shortdesc>"), xml);
        assertTrue(!xml.contains("<special"), xml);
    }
}
