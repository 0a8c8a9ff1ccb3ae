package io.raftbeat.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.raftbeat.cib.Cib;
import io.raftbeat.cib.CibException;
import io.raftbeat.cib.CibOperations;
import io.raftbeat.cib.CibOptions;
import io.raftbeat.proto.v1.CibOperation;
import io.raftbeat.proto.v1.CibRequest;
import io.raftbeat.proto.v1.CibResponse;
import io.raftbeat.server.GrpcErrors;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * crm_standby, crm_attribute, crm_failcount and crm_resource on a cluster ({@code CIB_SERVER}): a gRPC member whose
 * CibService runs the store's own {@link CibOperations} on one CIB, so the tools' queries and writes go over the
 * wire exactly as to the store, and every write carries a request id.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ToolsOnClusterTest {
    private ScriptedMember member;
    private Cib cib;

    @BeforeEach
    void start() throws Exception {
        Path fixture = Path.of(getClass()
                .getResource("/status/no-fencing-standby-group-failcount.xml")
                .toURI());
        cib = Cib.parse(
                Files.readString(fixture, StandardCharsets.UTF_8).replace("3.16.2", "3.16.1"), CibOptions.defaults());
        member = new ScriptedMember();
        member.cib = this::serve;
    }

    @AfterEach
    void stop() {
        member.close();
    }

    private synchronized CibResponse serve(CibRequest request) {
        try {
            if (request.getOperation() == CibOperation.CIB_QUERY) {
                return CibResponse.newBuilder()
                        .setXml(CibOperations.query(cib, request, CibOptions.defaults()))
                        .build();
            }
            assertFalse(request.getRequestId().isEmpty(), "a write carries a request id");
            CibOperations.apply(cib, request, CibOptions.defaults());
            return CibResponse.newBuilder().build();
        } catch (CibException e) {
            throw GrpcErrors.of(e, null);
        }
    }

    private CliRun run(String... args) {
        return CliRun.run(Map.of("CIB_SERVER", member.address()), args);
    }

    private synchronized String xml() {
        return cib.toXml();
    }

    @Test
    void crmStandbyPutsANodeInStandbyAndBack() {
        assertEquals(0, run("crm_standby", "-N", "node1", "-v", "on").exitCode());
        assertTrue(xml().contains("<nvpair id=\"nodes-node1-standby\" name=\"standby\" value=\"on\"/>"), xml());
        assertEquals(
                "scope=nodes  name=standby value=on\n",
                run("crm_standby", "-N", "node1", "-G").out());
        CliRun delete = run("crm_standby", "-N", "node1", "-D");
        assertEquals("Deleted nodes attribute: id=nodes-node1-standby name=standby\n", delete.out(), delete.err());
        assertEquals("off\n", run("crm_standby", "-N", "node1", "-G", "-q").out());
        CliRun unknown = run("crm_standby", "-N", "nodeX", "-v", "on");
        assertEquals(105, unknown.exitCode());
        assertEquals("crm_attribute: Could not map name=nodeX to a UUID\n", unknown.err());
    }

    @Test
    void crmAttributeSetsQueriesAndDeletesAClusterOption() {
        assertEquals(
                0,
                run("crm_attribute", "-n", "no-quorum-policy", "-v", "ignore").exitCode());
        assertEquals(
                "ignore\n",
                run("crm_attribute", "-n", "no-quorum-policy", "-G", "-q").out());
        assertEquals(
                0,
                run("crm_attribute", "-N", "node2", "-l", "reboot", "-n", "pingd", "-v", "5")
                        .exitCode());
        assertTrue(xml().contains("<nvpair id=\"status-node2-pingd\" name=\"pingd\" value=\"5\"/>"), xml());
        CliRun delete = run("crm_attribute", "-n", "no-quorum-policy", "-D");
        assertEquals(
                "Deleted crm_config option: id=cib-bootstrap-options-no-quorum-policy name=no-quorum-policy\n",
                delete.out());
        assertEquals(105, run("crm_attribute", "-n", "no-quorum-policy", "-G").exitCode());
    }

    @Test
    void crmFailcountShowsAndClearsAFailCount() {
        assertEquals(
                "2\n",
                run("crm_failcount", "-r", "d3", "-N", "node1", "-G", "-q").out());
        CliRun delete = run("crm_failcount", "-r", "d3", "-N", "node1", "-D");
        assertEquals("Cleaned up d3 on node1\n", delete.out(), delete.err());
        assertEquals(
                "0\n",
                run("crm_failcount", "-r", "d3", "-N", "node1", "-G", "-q").out());
        assertFalse(xml().contains("<lrm_resource id=\"d3\""), "the history is gone so the cluster probes again");
    }

    @Test
    void crmResourceMovesClearsAndCleansUp() {
        assertEquals(0, run("crm_resource", "--move", "-r", "d1", "-N", "node2").exitCode());
        assertTrue(xml().contains("id=\"cli-prefer-d1\""), xml());
        CliRun ban = run("crm_resource", "--ban", "-r", "d2", "-N", "node1", "-Q");
        assertEquals(0, ban.exitCode(), ban.err());
        assertEquals(
                "Removing constraint: cli-prefer-d1\n",
                run("crm_resource", "-U", "-r", "d1").out());
        assertEquals(
                "Removing constraint: cli-ban-d2-on-node1\n",
                run("crm_resource", "-U", "-r", "d2").out());
        assertFalse(xml().contains("cli-"), xml());
        CliRun cleanup = run("crm_resource", "--cleanup", "-r", "g1");
        assertEquals("Cleaned up g1a on node1\nCleaned up g1b on node1\nCleaned up g1b on node2\n", cleanup.out());
        assertFalse(xml().contains("<lrm_resource id=\"g1a\""), xml());
        CliRun missing = run("crm_resource", "--move", "-r", "nothere", "-N", "node2");
        assertEquals(105, missing.exitCode());
        assertEquals("crm_resource: Resource 'nothere' not found\n", missing.err());
    }
}
