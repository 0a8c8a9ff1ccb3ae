package io.raftbeat.status;

import io.raftbeat.cib.CibException;
import io.raftbeat.cib.SafeXml;
import org.w3c.dom.Document;

/** Builds small CIB fixtures: nodes, resources and lrm_rsc_op entries laid out as Pacemaker writes them. */
final class StatusCibs {
    private StatusCibs() {}

    static String cib(String crmConfig, String nodes, String resources, String status) {
        return "<cib crm_feature_set=\"3.16.2\" validate-with=\"pacemaker-3.9\" epoch=\"1\" num_updates=\"0\""
                + " admin_epoch=\"0\" have-quorum=\"1\" dc-uuid=\"node1\"><configuration><crm_config>"
                + crmConfig + "</crm_config><nodes>" + nodes + "</nodes><resources>" + resources
                + "</resources><constraints/></configuration><status>" + status + "</status></cib>";
    }

    static String noFencing() {
        return "<cluster_property_set id=\"cps\"><nvpair id=\"cps-se\" name=\"stonith-enabled\" value=\"false\"/>"
                + "</cluster_property_set>";
    }

    static String node(String name) {
        return "<node id=\"" + name + "\" uname=\"" + name + "\" type=\"member\"/>";
    }

    static String dummy(String id) {
        return "<primitive id=\"" + id + "\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\"/>";
    }

    /** A node_state: online is in_ccm/crmd/join all up; expected is member or down. */
    static String state(String name, boolean online, String expected, String transients, String lrm) {
        return "<node_state id=\"" + name + "\" uname=\"" + name + "\" in_ccm=\"" + online + "\" crmd=\""
                + (online ? "online" : "offline") + "\" join=\"" + (online ? "member" : "down") + "\" expected=\""
                + expected + "\" crm-debug-origin=\"test\">"
                + (transients.isEmpty()
                        ? ""
                        : "<transient_attributes id=\"" + name + "\"><instance_attributes id=\"status-" + name + "\">"
                                + transients + "</instance_attributes></transient_attributes>")
                + "<lrm id=\"" + name + "\"><lrm_resources>" + lrm + "</lrm_resources></lrm></node_state>";
    }

    static String nvpair(String name, String value) {
        return "<nvpair id=\"nv-" + name.replace('#', '-') + "\" name=\"" + name + "\" value=\"" + value + "\"/>";
    }

    static String lrmResource(String id, String... ops) {
        return "<lrm_resource id=\"" + id + "\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\">"
                + String.join("", ops) + "</lrm_resource>";
    }

    /** An lrm_rsc_op with the given operation, interval, call-id, rc, op-status and target rc. */
    static String op(
            String rsc, String node, String operation, long interval, int callId, int rc, int status, int target) {
        String key = rsc + "_" + operation + "_" + interval;
        String id = interval > 0 ? key : rsc + "_last_" + callId;
        return "<lrm_rsc_op id=\"" + id + "\" operation_key=\"" + key + "\" operation=\"" + operation
                + "\" crm-debug-origin=\"test\" crm_feature_set=\"3.16.2\" transition-key=\"1:1:" + target
                + ":0000\" transition-magic=\"" + status + ":" + rc + ";1:1:" + target + ":0000\" exit-reason=\"\""
                + " on_node=\"" + node + "\" call-id=\"" + callId + "\" rc-code=\"" + rc + "\" op-status=\"" + status
                + "\" interval=\"" + interval + "\" last-rc-change=\"1700000000\" exec-time=\"12\" queue-time=\"0\"/>";
    }

    static ClusterStatus unpack(String xml) throws CibException {
        Document doc = SafeXml.parse(xml, 1 << 20);
        return StatusUnpacker.unpack(doc);
    }
}
