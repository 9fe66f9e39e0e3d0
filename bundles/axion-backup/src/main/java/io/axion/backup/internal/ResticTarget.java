package io.axion.backup.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Archives in a restic repository (deduplicated, encrypted), driving Debian's {@code restic} as a process. The
 * password goes to restic through its environment (RESTIC_PASSWORD or RESTIC_PASSWORD_FILE), never on a command
 * line or in a log. A snapshot exists in restic only once {@code restic backup} has completed, so a kill mid-way
 * leaves nothing listed.
 */
final class ResticTarget implements BackupTarget {
    static final String NAME = "restic";
    private static final Logger LOG = LoggerFactory.getLogger(ResticTarget.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long TIMEOUT_MINUTES = 60;

    private final String binary;
    private final String repository;
    private final Map<String, String> secrets;
    private volatile boolean initialised;

    ResticTarget(String binary, String repository, String password, String passwordFile) {
        this.binary = binary;
        this.repository = repository;
        this.secrets = passwordFile != null && !passwordFile.isBlank() ? Map.of("RESTIC_PASSWORD_FILE", passwordFile)
                : Map.of("RESTIC_PASSWORD", password == null ? "" : password);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String store(String id, Path staged) throws IOException {
        ensureRepository();
        // --stdin-filename: restic keeps the archive under a fixed name, whatever the staging path was.
        String output = run(staged, "backup", "--json", "--tag", "axion", "--tag", "backup-" + id, "--stdin",
                "--stdin-filename", id + ".tar.gz");
        for (String line : output.split("\n")) {
            if (line.contains("\"summary\"")) {
                JsonNode summary = JSON.readTree(line);
                Files.deleteIfExists(staged);
                return summary.path("snapshot_id").asText() + ":" + id + ".tar.gz";
            }
        }
        throw new IOException("restic backup printed no summary");
    }

    @Override
    public void fetch(String location, Path into) throws IOException {
        String[] parts = location.split(":", 2);
        Path out = into.toAbsolutePath();
        List<String> command = command("dump", parts[0], "/" + parts[1]);
        Process process = start(command, null, out);
        await(process, command);
    }

    @Override
    public void delete(String location) throws IOException {
        run(null, "forget", "--prune", location.split(":", 2)[0]);
    }

    @Override
    public boolean verify(String location, String sha256) throws IOException {
        try {
            run(null, "check");
            return true;
        } catch (IOException e) {
            LOG.warn("restic check failed for {}: {}", repository, e.getMessage());
            return false;
        }
    }

    private void ensureRepository() throws IOException {
        if (initialised) {
            return;
        }
        try {
            run(null, "cat", "config");
        } catch (IOException absent) {
            LOG.info("Initialising restic repository {}", repository);
            run(null, "init");
        }
        initialised = true;
    }

    private String run(Path stdin, String... args) throws IOException {
        List<String> command = command(args);
        Path output = Files.createTempFile("axion-restic", ".out");
        try {
            await(start(command, stdin, output), command);
            return Files.readString(output, StandardCharsets.UTF_8);
        } finally {
            Files.deleteIfExists(output);
        }
    }

    private List<String> command(String... args) {
        List<String> command = new ArrayList<>(List.of(binary, "--repo", repository, "--no-cache"));
        command.addAll(List.of(args));
        return command;
    }

    private Process start(List<String> command, Path stdin, Path stdout) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(stdout.toFile())
                .redirectError(ProcessBuilder.Redirect.PIPE);
        if (stdin != null) {
            builder.redirectInput(stdin.toFile());
        }
        builder.environment().putAll(secrets);
        return builder.start();
    }

    private static void await(Process process, List<String> command) throws IOException {
        try {
            String errors = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IOException("restic " + command.get(4) + " timed out");
            }
            if (process.exitValue() != 0) {
                throw new IOException("restic " + command.get(4) + " exited " + process.exitValue() + ": "
                        + errors.strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IOException("interrupted while restic ran", e);
        }
    }
}
