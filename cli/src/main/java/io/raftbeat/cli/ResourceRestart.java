package io.raftbeat.cli;

import io.raftbeat.proto.v1.CibOperation;
import io.raftbeat.status.Xml;
import java.time.Duration;
import java.util.function.Predicate;
import org.w3c.dom.Element;

/**
 * {@code crm_resource --restart -r ID}, as Pacemaker 2.1.5's cli_resource_restart does it: sets the resource's
 * target-role to Stopped, waits until it runs nowhere (the scheduler stops what depends on it first), puts the
 * target-role back as it was (or removes the one it added), and waits until it runs again. Past the timeout it puts
 * the target-role back all the same and fails with CRM_EX_TIMEOUT (124). Live cluster only; runs on the command's
 * thread.
 */
final class ResourceRestart {
    private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(30);
    private static final long POLL_MS = 200;

    private final CliContext ctx;
    private final String resource;
    private final Duration timeout;

    ResourceRestart(CliContext ctx, String resource, Duration timeout) {
        this.ctx = ctx;
        this.resource = resource;
        this.timeout = timeout;
    }

    void run(CibSnapshot cib) throws CliFailure {
        if (ctx.cibFile() != null) {
            throw CliFailure.usage("crm_resource: --restart needs a live cluster, not CIB_file");
        }
        Element element = ResourceIds.require(cib.document(), resource, "crm_resource");
        if (cib.status().activeNodes(resource).isEmpty()) {
            throw new CliFailure(
                    CliFailure.USAGE, "crm_resource: " + resource + " is not running, so it cannot be restarted");
        }
        Element role = targetRole(element);
        String setId =
                role != null ? ((Element) role.getParentNode()).getAttribute("id") : resource + "-meta_attributes";
        String nvpairId = role != null ? role.getAttribute("id") : setId + "-target-role";
        setRole(element.getTagName(), setId, nvpairId, "Stopped");
        boolean stopped = await(status -> status.isEmpty());
        if (role != null) {
            setRole(element.getTagName(), setId, nvpairId, role.getAttribute("value"));
        } else {
            CibAccess.deleteAll(ctx, "//nvpair[@id=" + XmlText.literal(nvpairId) + "]", WRITE_TIMEOUT);
        }
        if (!stopped) {
            throw new CliFailure(
                    CliFailure.TIMEOUT,
                    "crm_resource: " + resource + " did not stop within " + timeout.toSeconds() + "s");
        }
        if (!await(status -> !status.isEmpty())) {
            throw new CliFailure(
                    CliFailure.TIMEOUT,
                    "crm_resource: " + resource + " did not start again within " + timeout.toSeconds() + "s");
        }
    }

    private static Element targetRole(Element resource) {
        for (Element set : Xml.children(resource, "meta_attributes")) {
            for (Element nv : Xml.children(set, "nvpair")) {
                if (nv.getAttribute("name").equals("target-role")) {
                    return nv;
                }
            }
        }
        return null;
    }

    private void setRole(String tag, String setId, String nvpairId, String value) throws CliFailure {
        String xml = "<" + tag + " id=\"" + XmlText.escape(resource) + "\"><meta_attributes id=\""
                + XmlText.escape(setId) + "\"><nvpair id=\"" + XmlText.escape(nvpairId)
                + "\" name=\"target-role\" value=\"" + XmlText.escape(value) + "\"/></meta_attributes></" + tag + ">";
        CibAccess.write(ctx, CibOperation.CIB_MODIFY, "resources", xml, WRITE_TIMEOUT);
    }

    /** Polls the live status until the nodes the resource is active on satisfy {@code done}; false on timeout. */
    private boolean await(Predicate<java.util.List<String>> done) throws CliFailure {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (done.test(CibSnapshot.read(ctx, WRITE_TIMEOUT).status().activeNodes(resource))) {
                return true;
            }
            try {
                Thread.sleep(POLL_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }
}
