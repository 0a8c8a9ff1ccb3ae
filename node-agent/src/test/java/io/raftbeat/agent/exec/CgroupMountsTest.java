package io.raftbeat.agent.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Finding the cgroup2 hierarchy in mountinfo: the unified and the hybrid layouts, v1 and read-only mounts skipped. */
@Timeout(10)
class CgroupMountsTest {
    @Test
    void aHybridLayoutHasItsCgroup2TreeUnderUnified() {
        List<String> hybrid = List.of(
                "31 23 0:28 / /sys/fs/cgroup rw,relatime - tmpfs tmpfs rw,mode=755",
                "32 31 0:29 / /sys/fs/cgroup/cpu rw,relatime - cgroup cgroup rw,cpu",
                "40 31 0:37 / /sys/fs/cgroup/systemd rw,relatime - cgroup cgroup rw,name=systemd",
                "41 31 0:38 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw");
        assertEquals(List.of(Path.of("/sys/fs/cgroup/unified")), CgroupMounts.cgroup2Mounts(hybrid));
    }

    @Test
    void aUnifiedLayoutMountsCgroup2AtSysFsCgroupAndReadOnlyMountsAreSkipped() {
        List<String> unified = List.of(
                "30 23 0:26 / /sys/fs/cgroup rw,nosuid,nodev,noexec,relatime shared:4 - cgroup2 cgroup2 rw,nsdelegate",
                "90 80 0:26 / /var/lib/with\\040space rw shared:9 master:4 - cgroup2 cgroup2 rw",
                "91 80 0:26 / /ro ro,relatime - cgroup2 cgroup2 rw");
        assertEquals(
                List.of(Path.of("/sys/fs/cgroup"), Path.of("/var/lib/with space")),
                CgroupMounts.cgroup2Mounts(unified));
    }
}
