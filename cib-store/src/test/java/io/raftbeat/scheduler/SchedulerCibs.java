package io.raftbeat.scheduler;

import io.raftbeat.cib.SafeXml;
import java.time.Instant;
import org.w3c.dom.Document;

/** Small CIBs for scheduler tests: options, nodes, resources, constraints and node states, as Pacemaker writes them. */
final class SchedulerCibs {
    static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    static final String NO_FENCING = nvpair("stonith-enabled", "false");
    static final String NODES = node("node1") + node("node2");

    private SchedulerCibs() {}

    /** Probed everywhere, started and monitored every 10 s on {@code on}. */
    static String running(String rsc, String on) {
        return history(rsc, on, "monitor:0:7", "start:0:0", "monitor:10000:0");
    }

    /**
     * node1 and node2 online, fencing off; {@code s1} is node1's transient attributes when it is an nvpair, else
     * its lrm resources.
     */
    static String twoNodes(String options, String resources, String constraints, String s1, String s2) {
        return cib(
                true,
                NO_FENCING + options,
                NODES,
                resources,
                constraints,
                state("node1", true, s1.startsWith("<nvpair") ? s1 : "", s1.startsWith("<nvpair") ? "" : s1)
                        + state("node2", true, "", s2));
    }

    static Transition schedule(String xml) throws Exception {
        return schedule(xml, NOW);
    }

    static Transition schedule(String xml, Instant now) throws Exception {
        Document doc = SafeXml.parse(xml, 1 << 20);
        return Scheduler.schedule(doc, now);
    }

    static String cib(
            boolean quorum, String options, String nodes, String resources, String constraints, String status) {
        return "<cib epoch=\"1\" num_updates=\"0\" admin_epoch=\"0\" have-quorum=\"" + (quorum ? 1 : 0)
                + "\" dc-uuid=\"node1\"><configuration><crm_config><cluster_property_set id=\"cps\">" + options
                + "</cluster_property_set></crm_config><nodes>" + nodes + "</nodes><resources>" + resources
                + "</resources><constraints>" + constraints + "</constraints></configuration><status>" + status
                + "</status></cib>";
    }

    static String nvpair(String name, String value) {
        return "<nvpair id=\"nv-" + name + "-" + value.hashCode() + "\" name=\"" + name + "\" value=\"" + value
                + "\"/>";
    }

    static String node(String name, String... attributes) {
        return "<node id=\"" + name + "\" uname=\"" + name + "\" type=\"member\">"
                + (attributes.length == 0
                        ? ""
                        : "<instance_attributes id=\"" + name + "-ia\">" + String.join("", attributes)
                                + "</instance_attributes>")
                + "</node>";
    }

    /** A Dummy with a 10s monitor and the given meta attributes. */
    static String dummy(String id, String... meta) {
        return "<primitive id=\"" + id + "\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\">"
                + (meta.length == 0
                        ? ""
                        : "<meta_attributes id=\"" + id + "-meta\">" + String.join("", meta) + "</meta_attributes>")
                + "<operations><op id=\"" + id + "-mon\" name=\"monitor\" interval=\"10s\"/></operations></primitive>";
    }

    static String state(String name, boolean online, String transients, String... lrmResources) {
        return "<node_state id=\"" + name + "\" uname=\"" + name + "\" in_ccm=\"" + online + "\" crmd=\""
                + (online ? "online" : "offline") + "\" join=\"" + (online ? "member" : "down")
                + "\" expected=\"member\">"
                + (transients.isEmpty()
                        ? ""
                        : "<transient_attributes id=\"" + name + "-ta\"><instance_attributes id=\"" + name
                                + "-status\">" + transients + "</instance_attributes></transient_attributes>")
                + "<lrm id=\"" + name + "\"><lrm_resources>" + String.join("", lrmResources)
                + "</lrm_resources></lrm></node_state>";
    }

    /** Each resource probed on the node and found not running there. */
    static String probed(String node, String... rscs) {
        StringBuilder s = new StringBuilder();
        for (String rsc : rscs) {
            s.append(history(rsc, node, "monitor:0:7"));
        }
        return s.toString();
    }

    /** The history of a resource on a node: each op is {@code operation:interval:rc}, in call order. */
    static String history(String rsc, String node, String... ops) {
        StringBuilder s = new StringBuilder(
                "<lrm_resource id=\"" + rsc + "\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\">");
        int call = 1;
        for (String op : ops) {
            String[] p = op.split(":");
            int target = p[0].equals("monitor") && p[1].equals("0") ? 7 : 0;
            s.append("<lrm_rsc_op id=\"" + rsc + "_" + p[0] + "_" + p[1] + "_" + call + "\" operation=\"" + p[0]
                    + "\" interval=\"" + p[1] + "\" rc-code=\"" + p[2] + "\" op-status=\"0\" call-id=\"" + call
                    + "\" transition-key=\"1:1:" + target + ":x\" on_node=\"" + node
                    + "\" last-rc-change=\"" + (NOW.getEpochSecond() - 100) + "\"/>");
            call++;
        }
        return s.append("</lrm_resource>").toString();
    }
}
