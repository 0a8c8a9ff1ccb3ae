package io.raftbeat.cli;

import io.raftbeat.cib.Cib;
import io.raftbeat.cib.CibException;
import io.raftbeat.cib.CibOperations;
import io.raftbeat.cib.CibOptions;
import io.raftbeat.proto.v1.CibOperation;
import io.raftbeat.proto.v1.CibRequest;
import io.raftbeat.proto.v1.CibResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A CIB kept in a file ({@code CIB_file=path}), edited offline with the same {@link CibOperations} the store members
 * run, as Pacemaker's tools do with {@code CIB_file}. A write replaces the file atomically; a refused write leaves
 * it untouched.
 */
final class FileCib {
    private final Path file;
    private final CibOptions options;

    FileCib(Path file) {
        this(file, CibOptions.defaults());
    }

    FileCib(Path file, CibOptions options) {
        this.file = file;
        this.options = options;
    }

    CibResponse run(CibRequest request) throws CliFailure {
        Cib cib = load();
        try {
            if (request.getOperation() == CibOperation.CIB_QUERY) {
                String xml = CibOperations.query(cib, request, options);
                return CibResponse.newBuilder()
                        .setXml(xml)
                        .setVersion(cib.version())
                        .build();
            }
            CibOperations.apply(cib, request, options);
        } catch (CibException e) {
            throw new CliFailure(e.error().exitCode(), "Call failed: " + e.getMessage());
        }
        store(cib.toXml());
        return CibResponse.newBuilder().setVersion(cib.version()).build();
    }

    private Cib load() throws CliFailure {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new CliFailure(105, "Could not connect to the CIB: CIB_file " + file + " does not exist");
        } catch (IOException e) {
            throw new CliFailure(105, "Could not connect to the CIB: cannot read CIB_file " + file + ": " + e);
        }
        try {
            return Cib.parse(text, options);
        } catch (CibException e) {
            throw new CliFailure(e.error().exitCode(), "CIB_file " + file + " is not a usable CIB: " + e.getMessage());
        }
    }

    private void store(String xml) throws CliFailure {
        Path dir = file.toAbsolutePath().getParent();
        try {
            Path temp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
            try {
                Files.writeString(temp, xml.endsWith("\n") ? xml : xml + "\n", StandardCharsets.UTF_8);
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new CliFailure(73, "Could not write CIB_file " + file + ": " + e); // CRM_EX_CANTCREAT
        }
    }
}
