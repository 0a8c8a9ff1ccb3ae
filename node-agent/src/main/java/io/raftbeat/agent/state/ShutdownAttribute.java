package io.raftbeat.agent.state;

import io.raftbeat.proto.v1.CibOperation;
import io.raftbeat.proto.v1.CibRequest;
import java.util.UUID;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The node's transient {@code shutdown} attribute, as Pacemaker's controller sets it when it begins a clean stop: in
 * {@code node_state/transient_attributes/instance_attributes "status-NODE"}, the epoch second the stop began. The
 * scheduler then places nothing on the node. Pure: builds the CIB modify request (the one {@code crm_attribute -t
 * status -N NODE -n shutdown -v SECONDS} sends) and reads the attribute back.
 */
public final class ShutdownAttribute {
    private ShutdownAttribute() {}

    /** A modify of the status section that sets {@code shutdown=epochSeconds} for {@code node}. */
    public static CibRequest request(String node, long epochSeconds) {
        String set = "status-" + node;
        String xml = "<node_state id=\"" + node + "\"><transient_attributes id=\"" + node + "\">"
                + "<instance_attributes id=\"" + set + "\"><nvpair id=\"" + set + "-shutdown\" name=\"shutdown\""
                + " value=\"" + epochSeconds + "\"/></instance_attributes></transient_attributes></node_state>";
        return CibRequest.newBuilder()
                .setOperation(CibOperation.CIB_MODIFY)
                .setScope("status")
                .setAllowCreate(true)
                .setXml(xml)
                .setRequestId(UUID.randomUUID().toString())
                .build();
    }

    /** Whether the node_state XML carries a {@code shutdown} transient attribute other than "0". */
    public static boolean isSet(String nodeStateXml) {
        NodeList nvpairs = Xml.parse(nodeStateXml, "node_state XML").getElementsByTagName("nvpair");
        for (int i = 0; i < nvpairs.getLength(); i++) {
            Element nv = (Element) nvpairs.item(i);
            boolean transientAttribute = "instance_attributes".equals(parentName(nv))
                    && "transient_attributes".equals(parentName((Element) nv.getParentNode()));
            String value = nv.getAttribute("value").trim();
            if (transientAttribute
                    && nv.getAttribute("name").equals("shutdown")
                    && !value.isEmpty()
                    && !value.equals("0")) {
                return true;
            }
        }
        return false;
    }

    private static String parentName(Element e) {
        return e.getParentNode() instanceof Element p ? p.getTagName() : "";
    }
}
