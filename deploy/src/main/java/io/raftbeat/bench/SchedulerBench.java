package io.raftbeat.bench;

import io.raftbeat.cib.SafeXml;
import io.raftbeat.scheduler.Scheduler;
import io.raftbeat.scheduler.Transition;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.w3c.dom.Document;

/**
 * The scheduler's time and memory on synthetic CIBs ({@link BenchCib}) of 100 / 1,000 / 10,000 primitives on 3 / 16
 * / 32 nodes, side by side with Pacemaker's {@code crm_simulate -x FILE -R} on the same files. Ours runs
 * in-process: the file parsed once, warm-up runs, then the median of the measured runs of
 * {@code Scheduler.schedule}, and the peak heap used meanwhile (heap pools' peak, reset after a GC). Pacemaker's:
 * wall time and peak RSS of one process per case (it includes process start and XML parsing), "timeout" past
 * {@code --timeout}. Each of our cases runs in a child JVM, so one past its timeout is stopped too. Prints one table; measures, never asserts.
 *
 * <pre>
 * SchedulerBench [--primitives 100,1000,10000] [--nodes 3,16,32] [--runs 5] [--warmup 3] [--timeout 120]
 *                [--dir DIR] [--pacemaker yes|no]
 * </pre>
 */
public final class SchedulerBench {
    private SchedulerBench() {}

    public static void main(String[] args) throws Exception {
        if (args.length == 4 && args[0].equals("--one")) {
            // A child JVM per case, so that a case past the timeout can be stopped and heaps do not mix.
            System.out.println(
                    ours(Files.readString(Path.of(args[1])), Integer.parseInt(args[2]), Integer.parseInt(args[3])));
            return;
        }
        Flags flags = new Flags(args);
        List<Integer> primitives = numbers(flags.text("--primitives", "100,1000,10000"));
        List<Integer> nodes = numbers(flags.text("--nodes", "3,16,32"));
        int runs = flags.integer("--runs", 5);
        int warmup = flags.integer("--warmup", 3);
        int timeout = flags.integer("--timeout", 120);
        boolean pacemaker = flags.text("--pacemaker", "yes").equals("yes") && PacemakerSimulation.installed();
        Path dir = Path.of(
                flags.text("--dir", Files.createTempDirectory("scheduler-bench").toString()));
        Files.createDirectories(dir);
        System.out.printf(
                Locale.ROOT,
                "Scheduler benchmark: CIBs in %s; ours: median of %d runs after %d warm-up (timeout %ds a run);"
                        + " Pacemaker: %s%n",
                dir,
                runs,
                warmup,
                timeout,
                pacemaker ? "crm_simulate -x FILE -R, one run, timeout " + timeout + "s" : "not run");
        String header = String.format(
                Locale.ROOT,
                "%10s %5s %8s | %10s %10s %10s %14s | %12s %12s %14s",
                "primitives",
                "nodes",
                "CIB MB",
                "ours ms",
                "parse ms",
                "heap MB",
                "summary/acts",
                "pcmk ms",
                "pcmk RSS MB",
                "summary");
        List<String> rows = new ArrayList<>();
        for (int p : primitives) {
            for (int n : nodes) {
                Path file = dir.resolve("bench-" + p + "x" + n + ".xml");
                String xml = BenchCib.of(p, n);
                Files.writeString(file, xml);
                String row = String.format(Locale.ROOT, "%10d %5d %8.1f | ", p, n, xml.length() / 1e6)
                        + oursInChild(file, runs, warmup, timeout)
                        + " | "
                        + (pacemaker ? theirs(file, timeout) : String.format(Locale.ROOT, "%40s", "not run"));
                System.out.println(row); // as it goes: the large cases take a while
                rows.add(row);
            }
        }
        System.out.println();
        System.out.println(header);
        System.out.println("-".repeat(header.length()));
        rows.forEach(System.out::println);
    }

    private static String ours(String xml, int runs, int warmup) throws Exception {
        long parseStart = System.nanoTime();
        Document cib = SafeXml.parse(xml, Integer.MAX_VALUE);
        double parseMillis = (System.nanoTime() - parseStart) / 1e6;
        Instant now = Instant.ofEpochSecond(1_700_000_600L);
        Transition transition = null;
        for (int i = 0; i < warmup; i++) {
            transition = Scheduler.schedule(cib, now);
        }
        System.gc();
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP)
                .toList();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        double[] millis = new double[runs];
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            transition = Scheduler.schedule(cib, now);
            millis[i] = (System.nanoTime() - start) / 1e6;
        }
        long peak =
                heap.stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
        Arrays.sort(millis);
        return String.format(
                Locale.ROOT,
                "%10.1f %10.1f %10.1f %14s",
                millis[runs / 2],
                parseMillis,
                peak / 1e6,
                transition == null
                        ? "-"
                        : transition.summary().size() + "/"
                                + transition.actions().size());
    }

    private static String oursInChild(Path file, int runs, int warmup, int timeout) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.addAll(List.of(
                "-cp",
                System.getProperty("java.class.path"),
                SchedulerBench.class.getName(),
                "--one",
                file.toString(),
                Integer.toString(runs),
                Integer.toString(warmup)));
        Path out = Files.createTempFile("scheduler-bench", ".txt");
        try {
            Process child = new ProcessBuilder(command)
                    .redirectOutput(out.toFile())
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            // The warm-up and measured runs together get timeout per run.
            if (!child.waitFor((long) timeout * (runs + warmup), TimeUnit.SECONDS)) {
                child.destroyForcibly().waitFor();
                return String.format(Locale.ROOT, "%10s %10s %10s %14s", "timeout", "-", "-", "-");
            }
            String result = Files.readString(out).stripTrailing();
            return child.exitValue() == 0
                    ? result
                    : String.format(Locale.ROOT, "%10s %10s %10s %14s", "failed", "-", "-", "-");
        } finally {
            Files.deleteIfExists(out);
        }
    }

    private static String theirs(Path file, int timeout) throws Exception {
        PacemakerSimulation run = PacemakerSimulation.run(file, timeout);
        return switch (run.outcome()) {
            case TIMEOUT -> String.format(Locale.ROOT, "%12s %12s %14s", "timeout", "-", "-");
            case FAILED -> String.format(Locale.ROOT, "%12s %12s %14s", "failed", "-", "-");
            case DONE ->
                String.format(
                        Locale.ROOT,
                        "%12.1f %12.1f %14s",
                        run.wallMillis(),
                        run.maxRssKb() / 1024.0,
                        Integer.toString(run.summaryLines()));
        };
    }

    private static List<Integer> numbers(String csv) {
        return Arrays.stream(csv.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .map(Integer::parseInt)
                .toList();
    }
}
