package io.raftbeat.agent.exec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Finds this machine's cgroup2 hierarchy in {@code /proc/self/mountinfo}: {@code /sys/fs/cgroup} on a unified
 * layout, {@code /sys/fs/cgroup/unified} on a hybrid one (v1 controllers beside a v2 tree), else any other cgroup2
 * mount; only one mounted read-write that this process may write. Stateless; any thread.
 */
final class CgroupMounts {
    private static final Path MOUNTINFO = Path.of("/proc/self/mountinfo");
    private static final List<Path> PREFERRED = List.of(Path.of("/sys/fs/cgroup"), Path.of("/sys/fs/cgroup/unified"));

    private CgroupMounts() {}

    static Optional<Path> writableCgroup2() {
        List<String> lines;
        try {
            lines = Files.readAllLines(MOUNTINFO);
        } catch (IOException e) {
            return Optional.empty(); // not Linux
        }
        List<Path> found = cgroup2Mounts(lines).stream()
                .filter(p -> Files.isWritable(p.resolve("cgroup.procs")))
                .toList();
        return PREFERRED.stream().filter(found::contains).findFirst().or(() -> found.stream()
                .findFirst());
    }

    /** The read-write cgroup2 mount points in mountinfo's lines ("id parent dev root point options ... - type ..."). */
    static List<Path> cgroup2Mounts(List<String> mountinfo) {
        List<Path> mounts = new ArrayList<>();
        for (String line : mountinfo) {
            String[] fields = line.split(" ");
            int dash = Arrays.asList(fields).indexOf("-");
            if (dash < 6 || dash + 1 >= fields.length || !fields[dash + 1].equals("cgroup2")) {
                continue;
            }
            if (Arrays.asList(fields[5].split(",")).contains("rw")) {
                mounts.add(Path.of(unescape(fields[4])));
            }
        }
        return mounts;
    }

    // mountinfo writes a space, tab, newline or backslash in a path as an octal escape (\040).
    private static String unescape(String field) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '\\'
                    && i + 3 < field.length()
                    && field.substring(i + 1, i + 4).matches("[0-7]{3}")) {
                out.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
