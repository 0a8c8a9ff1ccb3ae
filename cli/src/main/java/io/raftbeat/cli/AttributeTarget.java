package io.raftbeat.cli;

import java.util.Locale;

/**
 * Where Pacemaker keeps a name/value attribute: the section ({@code crm_config}, {@code rsc_defaults},
 * {@code op_defaults}, {@code nodes}, {@code status}), the node for the last two, and the attribute set the value goes
 * in when it is new ({@code cib-bootstrap-options}, {@code nodes-NODE}, {@code status-NODE} ... unless {@code -s}).
 */
record AttributeTarget(String section, String nodeId, String setTag, String setId) {
    static final String[] SECTIONS = {"crm_config", "rsc_defaults", "op_defaults", "nodes", "status"};

    /**
     * @param type the section as given with {@code -t} (any case)
     * @param nodeId the node's id in the CIB, or null where no node is involved
     * @param set the set given with {@code -s}, or null for Pacemaker's default
     */
    static AttributeTarget of(String type, String nodeId, String set) throws CliFailure {
        String section = type.toLowerCase(Locale.ROOT);
        return switch (section) {
            case "crm_config" ->
                new AttributeTarget(section, null, "cluster_property_set", set != null ? set : "cib-bootstrap-options");
            case "rsc_defaults", "op_defaults" ->
                new AttributeTarget(section, null, "meta_attributes", set != null ? set : section + "-options");
            case "nodes" ->
                new AttributeTarget(section, nodeId, "instance_attributes", set != null ? set : "nodes-" + nodeId);
            case "status" ->
                new AttributeTarget(section, nodeId, "instance_attributes", set != null ? set : "status-" + nodeId);
            default ->
                throw new CliFailure(
                        76,
                        "crm_attribute: Error performing operation: unknown section '" + type + "' (use one of "
                                + String.join(", ", SECTIONS) + ")");
        };
    }

    /** Nodes and status hold per-node attributes; the other sections hold cluster-wide options. */
    boolean perNode() {
        return nodeId != null;
    }

    /** The element whose attribute sets hold the values. */
    String parentXPath() {
        return switch (section) {
            case "nodes" -> "/cib/configuration/nodes/node[@id=" + XmlText.literal(nodeId) + "]";
            case "status" -> "/cib/status/node_state[@id=" + XmlText.literal(nodeId) + "]/transient_attributes";
            default -> "/cib/configuration/" + section;
        };
    }

    /** A modify request's XML (scope {@link #section}) that puts the nvpair in this target's set. */
    String wrap(String nvpairXml) {
        String set = "<" + setTag + " id=\"" + XmlText.escape(setId) + "\">" + nvpairXml + "</" + setTag + ">";
        String node = XmlText.escape(nodeId == null ? "" : nodeId);
        return switch (section) {
            case "nodes" -> "<node id=\"" + node + "\">" + set + "</node>";
            case "status" ->
                "<node_state id=\"" + node + "\"><transient_attributes id=\"" + node + "\">" + set
                        + "</transient_attributes></node_state>";
            default -> set;
        };
    }
}
