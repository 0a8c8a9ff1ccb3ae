package io.raftbeat.agent.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.raftbeat.agent.exec.ProcessOutcome.Ending;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Real child processes: timeouts and the group kill, output bounds, pipes held by grandchildren, stdin. */
@Timeout(60)
class ProcessRunnerTest {
    private static final Duration GRACE = Duration.ofMillis(300);
    // Generous slack over timeout + grace: a deadline for "did not hang", not a speed assertion.
    private static final long SLACK_MS = 10_000;

    @TempDir
    Path dir;

    private final ProcessRunner runner = new ProcessRunner(GRACE);

    private ProcessOutcome run(Path script, Duration timeout, String... args) {
        List<String> argv = new java.util.ArrayList<>(List.of(script.toString()));
        argv.addAll(List.of(args));
        return runner.run(new ProcessSpec(argv, Map.of("PATH", AgentCommands.PATH), new byte[0], dir, timeout));
    }

    @Test
    void hangingProcessIgnoringSigtermIsKilledWithItsChildren() throws Exception {
        Path child = dir.resolve("child.pid");
        Path script = TestScripts.write(
                dir.resolve("hang"), "trap '' TERM\nsleep 1000 &\necho $! > \"$1\"\necho waiting\nwait\nwait\n");
        Duration timeout = Duration.ofMillis(500);
        ProcessOutcome outcome = run(script, timeout, child.toString());
        assertEquals(Ending.TIMED_OUT, outcome.ending(), outcome.toString());
        assertTrue(outcome.elapsedMs() >= timeout.toMillis(), outcome.toString());
        assertTrue(outcome.elapsedMs() < timeout.plus(GRACE).toMillis() + SLACK_MS, outcome.toString());
        assertTrue(outcome.problem().contains("SIGKILL"), outcome.problem());
        assertTrue(outcome.output().contains("waiting"), outcome.output());
        // the sleep ignored SIGTERM as well (ignored signals are inherited): only the group's SIGKILL ends it
        TestScripts.awaitGone(TestScripts.readPid(child, Duration.ofSeconds(5)), Duration.ofSeconds(5));
    }

    @Test
    void grandchildHoldingTheOutputPipeDoesNotHoldTheRunner() throws Exception {
        Path child = dir.resolve("daemon.pid");
        Path script = TestScripts.write(dir.resolve("daemonize"), "sleep 1000 &\necho $! > \"$1\"\necho started\n");
        try {
            ProcessOutcome outcome = run(script, Duration.ofSeconds(30), child.toString());
            assertEquals(Ending.EXITED, outcome.ending(), outcome.toString());
            assertEquals(0, outcome.exitCode());
            assertEquals("started\n", outcome.output());
            assertTrue(outcome.elapsedMs() < 30_000, outcome.toString());
            long pid = TestScripts.readPid(child, Duration.ofSeconds(5));
            // a normal exit leaves the group alone: the daemon is the resource
            assertTrue(!TestScripts.gone(pid), "the daemon was killed");
        } finally {
            TestScripts.kill(TestScripts.readPid(child, Duration.ofSeconds(5)));
        }
    }

    @Test
    void megabytesOfOutputAreKeptBoundedWithoutBlockingTheChild() throws Exception {
        Path script = TestScripts.write(
                dir.resolve("chatty"), "echo BEGIN\nhead -c 5000000 /dev/zero | tr '\\0' x\necho\necho END\n");
        ProcessOutcome outcome = run(script, Duration.ofSeconds(30));
        assertEquals(Ending.EXITED, outcome.ending(), outcome.problem());
        assertEquals(0, outcome.exitCode());
        String out = outcome.output();
        assertTrue(out.startsWith("BEGIN\nxxx"), out.substring(0, 20));
        assertTrue(out.endsWith("xxx\nEND\n"), out.substring(out.length() - 20));
        int kept = BoundedOutput.HEAD_LIMIT + BoundedOutput.TAIL_LIMIT;
        long omitted = 6 + 5_000_000 + 1 + 4 - kept;
        assertTrue(out.contains("… " + omitted + " bytes omitted …"), "no omission marker");
        assertTrue(out.getBytes(StandardCharsets.UTF_8).length < kept + 100, "output not bounded");
    }

    @Test
    void runsInItsOwnSessionAndProcessGroup() throws Exception {
        // /proc/PID/stat fields after the command name: state ppid pgrp session
        Path script =
                TestScripts.write(dir.resolve("ids"), "echo $$\nsed 's/.*) //' /proc/$$/stat | cut -d' ' -f3,4\n");
        String[] lines = run(script, Duration.ofSeconds(10)).output().split("\n");
        String pid = lines[0];
        assertEquals(pid + " " + pid, lines[1], "pgrp and session of " + pid);
    }

    @Test
    void stdinIsWrittenAndArgumentsArriveVerbatim() throws Exception {
        Path script = TestScripts.write(dir.resolve("echo"), "printf '%s|' \"$@\"\ncat\n");
        ProcessSpec spec = new ProcessSpec(
                List.of(script.toString(), "a b", "$(id)", "x\ny"),
                Map.of(),
                "action=monitor\npassword=s3cret\n".getBytes(StandardCharsets.UTF_8),
                dir,
                Duration.ofSeconds(10));
        ProcessOutcome outcome = runner.run(spec);
        assertEquals("a b|$(id)|x\ny|action=monitor\npassword=s3cret\n", outcome.output());
    }

    @Test
    void exitCodeAndMergedStderrComeBack() throws Exception {
        Path script = TestScripts.write(dir.resolve("fail"), "echo out\necho err >&2\nexit 42\n");
        ProcessOutcome outcome = run(script, Duration.ofSeconds(10));
        assertEquals(Ending.EXITED, outcome.ending());
        assertEquals(42, outcome.exitCode());
        assertEquals("out\nerr\n", outcome.output());
    }

    @Test
    void aProgramThatCannotStartIsNamed() {
        ProcessOutcome missing = run(dir.resolve("nowhere"), Duration.ofSeconds(5));
        assertEquals(Ending.NOT_STARTED, missing.ending());
        assertTrue(missing.problem().contains(dir.resolve("nowhere").toString()), missing.problem());
        ProcessOutcome directory = run(dir, Duration.ofSeconds(5));
        assertEquals(Ending.NOT_STARTED, directory.ending());
    }

    @Test
    void interruptingTheCallerCancelsAndKillsTheGroup() throws Exception {
        Path child = dir.resolve("child.pid");
        Path script = TestScripts.write(dir.resolve("sleeper"), "sleep 1000 &\necho $! > \"$1\"\nwait\n");
        AtomicReference<ProcessOutcome> outcome = new AtomicReference<>();
        AtomicReference<Boolean> stillInterrupted = new AtomicReference<>();
        Thread caller = new Thread(() -> {
            outcome.set(run(script, Duration.ofSeconds(60), child.toString()));
            stillInterrupted.set(Thread.currentThread().isInterrupted());
        });
        caller.start();
        long pid = TestScripts.readPid(child, Duration.ofSeconds(10));
        caller.interrupt();
        caller.join();
        assertEquals(Ending.CANCELLED, outcome.get().ending(), outcome.get().toString());
        assertTrue(stillInterrupted.get(), "the interrupt flag was swallowed");
        TestScripts.awaitGone(pid, Duration.ofSeconds(5));
    }
}
