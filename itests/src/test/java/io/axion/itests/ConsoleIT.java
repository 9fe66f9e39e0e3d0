package io.axion.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.io.File;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * Issue 8's acceptance: the console's Playwright flows ({@code web-console/e2e}, node's test runner driving
 * Debian's Chromium) against this booted distribution and the real LXD. The instances they make live in this run's
 * LXD project, which the support class deletes afterwards; the screenshots go to {@code itests/target/screenshots}.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ConsoleIT extends KarafTestSupport {
    /** The flows take 1-2 minutes; past this something hangs, and the node process is killed. */
    private static final Duration FLOWS_DEADLINE = Duration.ofMinutes(4);
    private static final Duration HEALTH_DEADLINE = Duration.ofSeconds(60);
    private static final String HPC_FEATURE = "axion-hpc-scheduler";

    @Configuration
    public Option[] config() {
        // Read in the driver JVM (failsafe's system properties) and handed on to the container.
        return withBaseOptions(
                // 2 cores here: overcommit so that the bulk flow's three one-core instances fit beside the others.
                editConfigurationFilePut("etc/io.axion.quota.cfg", "cpuOvercommit", "16"),
                systemProperty("axion.console.dir").value(required("axion.console.dir")),
                systemProperty("axion.console.screenshots").value(required("axion.console.screenshots")),
                systemProperty("axion.node").value(System.getProperty("axion.node", "node")),
                systemProperty("axion.chromium").value(System.getProperty("axion.chromium", "/usr/bin/chromium")));
    }

    @Test
    public void theConsoleFlowsPassInChromiumAgainstTheRealServer() throws Exception {
        runFlows();
    }

    /**
     * The HPC pages' flow ({@code e2e/features/hpc.test.mjs}) with the feature installed at runtime, as an operator
     * would, and removed afterwards so that the other flows see the default placement.
     */
    @Test
    public void theHpcPagesFlowPassesWithTheFeatureInstalledAtRuntime() throws Exception {
        installFeatureAtRuntime(HPC_FEATURE);
        try {
            await().atMost(HEALTH_DEADLINE).ignoreExceptions().untilAsserted(() -> assertThat(
                    request("GET", "/api/v1/gangs", adminToken(), null).statusCode()).isEqualTo(200));
            runFlows("e2e/features/hpc.test.mjs");
        } finally {
            uninstallFeatureAtRuntime(HPC_FEATURE);
        }
    }

    /** {@code node e2e/run.mjs [files]}: every flow in {@code e2e/} when no file is named. */
    private void runFlows(String... files) throws Exception {
        // The flows need LXD: "degraded" (LXD unreachable) fails here, naming the cause, rather than in a flow.
        await().atMost(HEALTH_DEADLINE).ignoreExceptions().untilAsserted(() -> {
            HttpResponse<String> health = get("/api/v1/health");
            assertThat(json(health).path("status").asText()).as("health: %s", health.body()).isEqualTo("ok");
        });
        String password = Files.readString(Path.of(System.getProperty("karaf.data"), "initial-admin-password")).trim();
        File consoleDir = new File(System.getProperty("axion.console.dir"));
        assertThat(new File(consoleDir, "e2e/run.mjs")).as("the console's e2e runner").isFile();
        assertThat(new File(consoleDir, "node_modules/playwright-core")).as("npm ci has run in web-console").isDirectory();

        List<String> command = new ArrayList<>(List.of(System.getProperty("axion.node"), "e2e/run.mjs"));
        command.addAll(List.of(files));
        ProcessBuilder builder = new ProcessBuilder(command).directory(consoleDir);
        Map<String, String> env = builder.environment();
        env.put("AXION_URL", baseUrl());
        env.put("AXION_ADMIN_PASSWORD", password);
        env.put("AXION_E2E_SCREENSHOTS", System.getProperty("axion.console.screenshots"));
        env.put("AXION_E2E_IMAGE", System.getProperty("axion.console.image", "axion/busybox"));
        env.put("CHROMIUM_PATH", System.getProperty("axion.chromium"));

        ToolRun run = ToolRun.run(builder, FLOWS_DEADLINE, "console-e2e");
        System.out.println("[console-e2e] node " + String.join(" ", command.subList(1, command.size())) + " took "
                + run.seconds() + " s");

        assertThat(run.finished()).as("the flows ended within %s\n%s", FLOWS_DEADLINE, run.output()).isTrue();
        assertThat(run.exitCode()).as("exit code of node e2e/run.mjs\n%s", run.output()).isZero();
        assertThat(failedTests(run.output())).as("failed flows").isEmpty();
    }

    private static List<String> failedTests(String tap) {
        return tap.lines().filter(line -> line.trim().startsWith("not ok")).toList();
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("Set -D" + property + " (itests/pom.xml passes it to failsafe)");
        }
        return value;
    }
}
