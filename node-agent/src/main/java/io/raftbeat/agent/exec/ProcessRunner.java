package io.raftbeat.agent.exec;

import io.raftbeat.agent.exec.ProcessOutcome.Ending;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs one child process to its end on the calling thread, with no helper threads, so nothing can be left stuck:
 *
 * <pre>
 *   start under setsid (own session and process group, pgid = pid)
 *     │  poll: drain the output pipe, wait a few ms for exit
 *     ├─ exits ─────────────────────────────► EXITED (exit code)
 *     ├─ timeout ─► SIGTERM group ─ grace ─► SIGKILL group ─► TIMED_OUT
 *     └─ caller interrupted ─► (same stop) ─► CANCELLED (interrupt flag kept)
 * </pre>
 *
 * The output is read only while the child lives, and only what the pipe holds ({@code available()}), so a
 * grandchild that keeps the pipe open (a daemon the agent started) never blocks the runner, and a child that prints
 * without end never blocks on a full pipe. A normal exit leaves the group alone: its other members are the
 * resource's processes. Thread-safe: any number of threads may run processes at once.
 */
public final class ProcessRunner {
    /** Pacemaker sends SIGKILL this long after SIGTERM when an operation times out. */
    public static final Duration DEFAULT_GRACE = Duration.ofSeconds(5);

    static final Path SETSID = Path.of("/usr/bin/setsid");
    private static final long IDLE_POLL_MS = 10;
    private static final long BUSY_POLL_MS = 1;
    private static final long KILLED_WAIT_MS = 5_000;

    private final Duration grace;
    private final NodeProcesses node;

    public ProcessRunner() {
        this(DEFAULT_GRACE);
    }

    /** {@code grace}: how long a timed-out process group has between SIGTERM and SIGKILL. */
    public ProcessRunner(Duration grace) {
        this(grace, null);
    }

    /**
     * As above, for a node agent: every child gets {@code node}'s environment marker, starts inside its cgroup if it
     * has one, and its process group is registered there while it runs ({@code node} null: none of these, as for
     * {@code crm_resource --force-*}).
     */
    public ProcessRunner(Duration grace, NodeProcesses node) {
        if (grace.isNegative()) {
            throw new IllegalArgumentException("negative kill grace " + grace);
        }
        this.grace = grace;
        this.node = node;
    }

    public ProcessOutcome run(ProcessSpec spec) {
        long started = System.nanoTime();
        Path program = Path.of(spec.argv().get(0));
        if (!Files.isRegularFile(program) || !Files.isExecutable(program)) {
            return ProcessOutcome.notStarted(program + " is not an executable file", elapsedMs(started));
        }
        Process process;
        try {
            process = start(spec);
        } catch (IOException | RuntimeException e) {
            return ProcessOutcome.notStarted("cannot start " + program + ": " + e.getMessage(), elapsedMs(started));
        }
        if (node != null) {
            node.started(process.pid());
        }
        try {
            return await(process, spec, started);
        } finally {
            if (node != null) {
                node.finished(process.pid());
            }
        }
    }

    private ProcessOutcome await(Process process, ProcessSpec spec, long started) {
        BoundedOutput output = new BoundedOutput();
        InputStream in = process.getInputStream();
        feed(process, spec.stdin());
        Ending ending = awaitExit(process, in, output, started + spec.timeout().toNanos());
        if (ending != Ending.EXITED) {
            stopGroup(process, in, output);
        }
        drain(in, output);
        closeQuietly(in);
        int exit = ending == Ending.EXITED ? process.exitValue() : -1;
        String problem = ending == Ending.EXITED ? "" : stopProblem(ending, spec.timeout());
        if (ending == Ending.CANCELLED) {
            Thread.currentThread().interrupt();
        }
        return new ProcessOutcome(ending, exit, problem, output.text(), elapsedMs(started));
    }

    private Process start(ProcessSpec spec) throws IOException {
        List<String> argv = new ArrayList<>(spec.argv().size() + 5);
        argv.add(SETSID.toString());
        // A node agent's child enters the node's cgroup before it runs anything (NodeCgroup#enter), same pid.
        argv.addAll(node == null ? spec.argv() : node.confine(spec.argv()));
        ProcessBuilder pb = new ProcessBuilder(argv)
                .redirectErrorStream(true)
                .directory(spec.workDir().toFile());
        pb.environment().clear();
        pb.environment().putAll(spec.env());
        if (node != null) {
            pb.environment().putAll(node.environment());
        }
        if (spec.stdin().length == 0) {
            pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        }
        return pb.start();
    }

    // Small inputs (fence parameters) fit the pipe buffer, so this write does not wait for the child to read.
    private static void feed(Process process, byte[] stdin) {
        if (stdin.length == 0) {
            return;
        }
        try (OutputStream out = process.getOutputStream()) {
            out.write(stdin);
        } catch (IOException e) {
            // the child exited or closed stdin without reading it all: its exit status tells the rest
        }
    }

    private static Ending awaitExit(Process process, InputStream in, BoundedOutput output, long deadline) {
        try {
            while (true) {
                boolean busy = drain(in, output);
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return Ending.TIMED_OUT;
                }
                long poll = Math.min(busy ? BUSY_POLL_MS : IDLE_POLL_MS, TimeUnit.NANOSECONDS.toMillis(left) + 1);
                if (process.waitFor(poll, TimeUnit.MILLISECONDS)) {
                    return Ending.EXITED;
                }
            }
        } catch (InterruptedException e) {
            return Ending.CANCELLED;
        }
    }

    private void stopGroup(Process process, InputStream in, BoundedOutput output) {
        boolean interrupted = Thread.interrupted();
        ProcessGroup.signal(process, false);
        long graceEnd = System.nanoTime() + grace.toNanos();
        while (System.nanoTime() < graceEnd) {
            drain(in, output);
            try {
                if (process.waitFor(IDLE_POLL_MS, TimeUnit.MILLISECONDS)) {
                    break;
                }
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        // Always, even if the leader died on SIGTERM: its children may ignore SIGTERM.
        ProcessGroup.signal(process, true);
        try {
            process.waitFor(KILLED_WAIT_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            interrupted = true;
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Reads what the pipe holds without blocking; true when it read anything. */
    private static boolean drain(InputStream in, BoundedOutput output) {
        byte[] buf = new byte[8192];
        boolean any = false;
        try {
            int ready;
            while ((ready = in.available()) > 0) {
                int n = in.read(buf, 0, Math.min(ready, buf.length));
                if (n < 0) {
                    break;
                }
                output.write(buf, 0, n);
                any = true;
            }
        } catch (IOException e) {
            // the JDK closed the pipe after the exit; what it had buffered was read above
        }
        return any;
    }

    private String stopProblem(Ending ending, Duration timeout) {
        String why = ending == Ending.TIMED_OUT ? "did not exit within " + timeout.toMillis() + " ms" : "was cancelled";
        return "process " + why + "; its process group got SIGTERM, then SIGKILL after " + grace.toMillis() + " ms";
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException e) {
            // nothing left to read from it
        }
    }

    private static long elapsedMs(long startedNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
    }
}
