package io.raftbeat.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One run of Pacemaker's {@code crm_simulate -x FILE -R} (its scheduler, without -S's simulated execution of every
 * action, which dominates once there are thousands of probes): wall time, peak resident memory (from
 * {@code /usr/bin/time -v} when installed, else sampled from {@code /proc/PID/status} VmHWM while it runs) and the
 * number of Transition Summary lines; killed with its process tree after the timeout. Called from one thread.
 */
record PacemakerSimulation(Outcome outcome, double wallMillis, long maxRssKb, int summaryLines) {
    enum Outcome {
        DONE,
        TIMEOUT,
        FAILED
    }

    private static final Path CRM_SIMULATE = Path.of("/usr/sbin/crm_simulate");
    private static final Path TIME = Path.of("/usr/bin/time");

    static boolean installed() {
        return Files.isExecutable(CRM_SIMULATE);
    }

    static PacemakerSimulation run(Path cib, long timeoutSeconds) throws IOException, InterruptedException {
        boolean timed = Files.isExecutable(TIME);
        List<String> command = new ArrayList<>();
        if (timed) {
            command.addAll(List.of(TIME.toString(), "-v"));
        }
        command.addAll(List.of(CRM_SIMULATE.toString(), "-x", cib.toString(), "-R"));
        Path out = Files.createTempFile("crm_simulate-out", ".txt");
        Path err = Files.createTempFile("crm_simulate-err", ".txt");
        try {
            long start = System.nanoTime();
            Process process = new ProcessBuilder(command)
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .start();
            long sampledKb = 0;
            long deadline = start + TimeUnit.SECONDS.toNanos(timeoutSeconds);
            while (!process.waitFor(20, TimeUnit.MILLISECONDS)) {
                if (!timed) {
                    sampledKb = Math.max(sampledKb, vmHwmKb(process.pid()));
                }
                if (System.nanoTime() > deadline) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly().waitFor();
                    return new PacemakerSimulation(Outcome.TIMEOUT, Double.NaN, 0, 0);
                }
            }
            double wall = (System.nanoTime() - start) / 1e6;
            String stderr = Files.readString(err);
            long rss = timed ? maxRssKb(stderr) : sampledKb;
            Outcome outcome = process.exitValue() == 0 ? Outcome.DONE : Outcome.FAILED;
            List<String> lines = Files.readAllLines(out);
            return new PacemakerSimulation(outcome, wall, rss, items(lines, "Transition Summary:"));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private static long maxRssKb(String timeReport) {
        for (String line : timeReport.lines().toList()) {
            String l = line.strip();
            if (l.startsWith("Maximum resident set size (kbytes):")) {
                return Long.parseLong(l.substring(l.indexOf(':') + 1).strip());
            }
        }
        return 0;
    }

    /** The peak resident size so far of a running process; 0 once it is gone. */
    private static long vmHwmKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            // the process ended between two samples
        }
        return 0;
    }

    /** The item lines (each starts with "  * ") of one section of crm_simulate's output. */
    static int items(List<String> output, String section) {
        int count = 0;
        boolean in = false;
        for (String line : output) {
            if (line.startsWith(section)) {
                in = true;
            } else if (in && line.startsWith("  * ")) {
                count++;
            } else if (in && !line.isBlank() && !line.startsWith(" ")) {
                in = false;
            }
        }
        return count;
    }
}
