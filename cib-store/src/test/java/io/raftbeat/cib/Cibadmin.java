package io.raftbeat.cib;

import io.raftbeat.proto.v1.CibOperation;
import io.raftbeat.proto.v1.CibRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Pacemaker's own cibadmin run on a file (CIB_file), and the same command line as a {@link CibRequest}. */
final class Cibadmin {
    static final Path BINARY = Path.of("/usr/sbin/cibadmin");

    /** What one cibadmin run gave. */
    record Result(int exitCode, String stdout, String stderr) {}

    private Cibadmin() {}

    static boolean installed() {
        return Files.isExecutable(BINARY);
    }

    static Result run(Path cibFile, List<String> args) throws IOException, InterruptedException {
        List<String> argv = new ArrayList<>();
        argv.add(BINARY.toString());
        argv.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(argv);
        pb.environment().put("CIB_file", cibFile.toString());
        Path out = Files.createTempFile(cibFile.getParent(), "out", ".txt");
        Path err = Files.createTempFile(cibFile.getParent(), "err", ".txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("cibadmin " + args + " did not finish");
        }
        return new Result(
                p.exitValue(),
                Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    /** Translates cibadmin's options (the subset the model serves) into a request. */
    static CibRequest request(List<String> args) {
        CibRequest.Builder r = CibRequest.newBuilder();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "-Q" -> r.setOperation(CibOperation.CIB_QUERY);
                case "-C" -> r.setOperation(CibOperation.CIB_CREATE);
                case "-M", "-U" -> r.setOperation(CibOperation.CIB_MODIFY);
                case "-R" -> r.setOperation(CibOperation.CIB_REPLACE);
                case "-D" -> r.setOperation(CibOperation.CIB_DELETE);
                case "-d" -> r.setOperation(CibOperation.CIB_DELETE_ALL);
                case "-E" -> r.setOperation(CibOperation.CIB_ERASE);
                case "-B" -> r.setOperation(CibOperation.CIB_BUMP);
                case "-o" -> r.setScope(args.get(++i));
                case "-X" -> r.setXml(args.get(++i));
                case "-A", "--xpath" -> r.setXpath(args.get(++i));
                case "-c" -> r.setAllowCreate(true);
                case "-n" -> r.setNoChildren(true);
                case "--force", "-f" -> r.setForce(true);
                default -> throw new IllegalArgumentException("option not translated: " + a);
            }
        }
        return r.build();
    }
}
