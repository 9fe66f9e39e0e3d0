package io.axion.bench.cluster;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * N real Axion nodes on this machine, started and deleted by {@code scripts/cluster.sh} with settings of this run
 * only (its own folder, ports, cluster name, LXD projects and PostgreSQL database), so that it can run beside the
 * itests and other benches. The same approach as the itests' ClusterTestSupport, without depending on that module.
 */
final class LocalCluster implements AutoCloseable {
    private final Path script;
    private final int nodes;
    private final String runId;
    private final int httpBase;
    private final Map<String, String> environment = new HashMap<>();
    private boolean cleaned;

    LocalCluster(Path repo, Path workDir, int nodes, int cpuOvercommit) throws IOException {
        this.script = repo.resolve("scripts/cluster.sh");
        this.nodes = nodes;
        this.runId = UUID.randomUUID().toString().substring(0, 8);
        int[] bases = freeRanges(5);
        this.httpBase = bases[0];
        environment.put("AXION_CLUSTER_DIR", workDir.resolve("cluster-" + runId).toAbsolutePath().toString());
        environment.put("AXION_CLUSTER_DB", "axion_bench_" + runId);
        environment.put("AXION_CLUSTER_NAME", "bench-" + runId);
        // axion-bench-*: scripts/clean-test-projects.sh removes what a killed run leaves behind.
        environment.put("PROJECT_PREFIX", "axion-bench-" + runId);
        environment.put("HTTP_BASE", Integer.toString(bases[0]));
        environment.put("HZ_BASE", Integer.toString(bases[1]));
        environment.put("SSH_BASE", Integer.toString(bases[2]));
        environment.put("JMX_BASE", Integer.toString(bases[3]));
        environment.put("JMX_SERVER_BASE", Integer.toString(bases[4]));
        environment.put("AXION_ADMIN_PASSWORD", "bench-admin-" + runId);
        // Three JVMs booting at once on a 2-core machine that may be busy with other tests.
        environment.put("READY_SECONDS", "300");
        // Every request comes from 127.0.0.1: one address for every client of the run.
        environment.put("AXION_LOGIN_MAX_FAILURES_PER_ADDRESS", "1000");
        // Hundreds of 1-core instances on hosts that are projects of one small machine: quotas, not cores, decide.
        environment.put("AXION_CPU_OVERCOMMIT", Integer.toString(cpuOvercommit));
    }

    /**
     * Starts nodes 1..N and waits until each answers ready. Registers the clean-up first, so that a failed or
     * interrupted start leaves nothing behind either.
     */
    void up() throws IOException, InterruptedException {
        Runtime.getRuntime().addShutdownHook(new Thread(this::close, "cluster-clean"));
        clusterSh("up", Integer.toString(nodes));
    }

    String url(int node) {
        return "http://127.0.0.1:" + (httpBase + node);
    }

    String adminPassword() {
        return environment.get("AXION_ADMIN_PASSWORD");
    }

    String runId() {
        return runId;
    }

    /**
     * {@code cluster.sh down} then {@code clean}: the nodes, their folders, their LXD projects with every instance,
     * the database. {@code clean} alone stops and deletes node by node, and a survivor takes over the stopped node's
     * host and creates its LXD project again (a node makes its host's project when it is missing), so project 1 was
     * left behind; with every node down first, nothing re-creates a project. Synchronized and once only: the
     * shutdown hook, arriving while the main thread cleans, waits for it instead of letting the JVM halt halfway.
     */
    @Override
    public synchronized void close() {
        if (cleaned) {
            return;
        }
        cleaned = true;
        try {
            clusterSh("down");
            clusterSh("clean");
            List<String> left = projectsOfThisRun();
            if (left.isEmpty()) {
                System.out.println("cleaned up: cluster " + runId + " (nodes, folders, LXD projects, database) "
                        + "deleted");
            } else {
                System.out.println("cluster.sh clean left LXD projects " + left + " (scripts/clean-test-projects.sh "
                        + "removes them)");
            }
        } catch (Exception e) {
            System.out.println("cluster.sh clean of run " + runId + " failed (scripts/clean-test-projects.sh removes "
                    + "its LXD projects): " + e.getMessage());
        }
    }

    private List<String> projectsOfThisRun() throws IOException, InterruptedException {
        Process list = new ProcessBuilder("lxc", "project", "list", "-f", "csv").redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        String output = new String(list.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        list.waitFor(1, TimeUnit.MINUTES);
        String prefix = environment.get("PROJECT_PREFIX") + "-";
        return output.lines().map(line -> line.split(",", 2)[0]).filter(name -> name.startsWith(prefix)).toList();
    }

    private void clusterSh(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(script.toString());
        command.addAll(List.of(args));
        // stdin from /dev/null: lxc, run by the script, reads a config from a stdin that is not a terminal.
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().putAll(environment);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(15, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IllegalStateException("cluster.sh " + String.join(" ", args) + " failed:\n" + output);
        }
    }

    /** {@code count} bases, each with the {@code nodes} ports above it free. */
    private int[] freeRanges(int count) {
        int[] bases = new int[count];
        for (int i = 0; i < count; i++) {
            bases[i] = freeRange();
        }
        return bases;
    }

    private int freeRange() {
        for (int attempt = 0; attempt < 200; attempt++) {
            int base = ThreadLocalRandom.current().nextInt(20_000, 40_000);
            if (portsFree(base + 1, base + nodes)) {
                return base;
            }
        }
        throw new IllegalStateException("no free port range");
    }

    private static boolean portsFree(int first, int last) {
        for (int port = first; port <= last; port++) {
            try (ServerSocket socket = new ServerSocket(port)) {
                socket.setReuseAddress(true);
            } catch (IOException taken) {
                return false;
            }
        }
        return true;
    }
}
