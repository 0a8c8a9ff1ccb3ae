package io.raftbeat.agent.state;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * How long a probe of each primitive may take: the timeout of its {@code monitor} op with interval 0, else 20 s
 * (Pacemaker's default action timeout). Pure.
 */
public final class ProbeTimeouts {
    public static final Duration DEFAULT = Duration.ofSeconds(20);

    private ProbeTimeouts() {}

    /** Primitive id → its probe timeout, for every primitive of {@code resourcesXml} that names one. */
    public static Map<String, Duration> fromCib(String resourcesXml) {
        Map<String, Duration> timeouts = new HashMap<>();
        NodeList primitives = Xml.parse(resourcesXml, "a CIB").getElementsByTagName("primitive");
        for (int i = 0; i < primitives.getLength(); i++) {
            Element primitive = (Element) primitives.item(i);
            NodeList ops = primitive.getElementsByTagName("op");
            for (int j = 0; j < ops.getLength(); j++) {
                Element op = (Element) ops.item(j);
                long interval = IntervalSpec.toMillis(op.getAttribute("interval"));
                long timeout = IntervalSpec.toMillis(op.getAttribute("timeout"));
                if (op.getAttribute("name").equals("monitor") && interval == 0 && timeout > 0) {
                    timeouts.put(primitive.getAttribute("id"), Duration.ofMillis(timeout));
                }
            }
        }
        return timeouts;
    }

    public static Duration of(Map<String, Duration> timeouts, String id) {
        return timeouts.getOrDefault(id, DEFAULT);
    }
}
