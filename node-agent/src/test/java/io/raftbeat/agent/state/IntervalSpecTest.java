package io.raftbeat.agent.state;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class IntervalSpecTest {
    @Test
    void readsPacemakerUnitsAndIso8601() {
        assertEquals(10_000, IntervalSpec.toMillis("10"));
        assertEquals(10_000, IntervalSpec.toMillis("10s"));
        assertEquals(500, IntervalSpec.toMillis("500ms"));
        assertEquals(120_000, IntervalSpec.toMillis("2min"));
        assertEquals(3_600_000, IntervalSpec.toMillis("1h"));
        assertEquals(20_000, IntervalSpec.toMillis("PT20S"));
        assertEquals(0, IntervalSpec.toMillis("0"));
    }

    @Test
    void refusesWhatIsNotAnInterval() {
        assertEquals(-1, IntervalSpec.toMillis(""));
        assertEquals(-1, IntervalSpec.toMillis("soon"));
        assertEquals(-1, IntervalSpec.toMillis("10 parsecs"));
        assertEquals(-1, IntervalSpec.toMillis("P1X"));
    }

    @Test
    void probeTimeoutComesFromTheMonitorWithIntervalZeroElseTwentySeconds() {
        String xml = """
                <resources>
                  <primitive id="a" class="ocf" provider="heartbeat" type="Dummy">
                    <operations>
                      <op id="a-mon" name="monitor" interval="10s" timeout="30s"/>
                      <op id="a-probe" name="monitor" interval="0" timeout="45s"/>
                    </operations>
                  </primitive>
                  <group id="g"><primitive id="b" class="lsb" type="foo">
                    <operations><op id="b-mon" name="monitor" interval="5s" timeout="7s"/></operations>
                  </primitive></group>
                </resources>""";
        Map<String, Duration> timeouts = ProbeTimeouts.fromCib(xml);
        assertEquals(Duration.ofSeconds(45), ProbeTimeouts.of(timeouts, "a"));
        assertEquals(Duration.ofSeconds(20), ProbeTimeouts.of(timeouts, "b"));
    }
}
