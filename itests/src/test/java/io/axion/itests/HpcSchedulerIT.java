package io.axion.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * The HPC scheduler feature on the real distribution and the real LXD, installed while Axion runs. The 2-core host
 * is simulated as 2 NUMA nodes (one CPU each) with 2 GPUs, so that strict NUMA and GPU placement can be seen here.
 * One method: install, pin, refuse, give GPUs, release, uninstall happen in this order on one Axion.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class HpcSchedulerIT extends KarafTestSupport {
    private static final Duration JOB_DEADLINE = Duration.ofSeconds(90);
    private static final String FEATURE = "axion-hpc-scheduler";

    @Configuration
    public Option[] config() {
        return withBaseOptions(
                editConfigurationFilePut("etc/io.axion.hpc.cfg", "simulate", "*:numa=2:gpus=2"),
                editConfigurationFilePut("etc/io.axion.lxd.cfg", "stopTimeoutSeconds", "2"));
    }

    @Test
    public void installRefuseGiveGpusPinQueueAndUninstall() throws Exception {
        String token = adminToken();
        String host = await().atMost(DEADLINE).ignoreExceptions()
                .until(() -> json(request("GET", "/api/v1/hosts", token, null)).get(0).path("name").asText(),
                        name -> !name.isEmpty());
        String coreMap = "/api/v1/hpc/hosts/" + host + "/cores";
        assertThat(request("GET", coreMap, token, null).statusCode()).isEqualTo(404);
        assertThat(placement(token)).isEqualTo("most-free-capacity");

        installFeatureAtRuntime(FEATURE);
        await().atMost(DEADLINE).untilAsserted(() -> {
            assertThat(request("GET", coreMap, token, null).statusCode()).isEqualTo(200);
            assertThat(placement(token)).isEqualTo("hpc-scheduler");
        });
        JsonNode cores = json(request("GET", coreMap, token, null));
        assertThat(cores.path("simulated").asBoolean()).isTrue();
        assertThat(cores.path("numaNodes").size()).isEqualTo(2);
        assertThat(cores.path("gpus").size()).isEqualTo(2);

        sharedInstancesRunOnTheUnpinnedCores(token);

        // Strict 2 cores: 2 are free, but on two nodes: refused, nothing in LXD.
        HttpResponse<String> refused = create(token, "hpc-wide", 2, "\"cpuPolicy\":\"dedicated\",\"numa\":\"strict\"");
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(lxc("list", "--format", "csv", "-c", "n")).doesNotContain("hpc-wide");
        // A misspelt policy: 422 before anything is placed.
        assertThat(create(token, "hpc-bad", 1, "\"cpuPolicy\":\"exclusive\"").statusCode()).isEqualTo(422);

        // GPUs: simulated ones do not exist, and LXD refuses to start a container with a missing GPU, so these are
        // created stopped and their written config is checked. Each takes one of the host's 2 CPUs from the quota,
        // so they go before the pinned ones, and their deletion gives the GPUs back.
        List<String> pcis = new ArrayList<>();
        for (String name : List.of("hpc-g1", "hpc-g2")) {
            HttpResponse<String> accepted = create(token, name, 1, "\"gpus\":1,\"start\":false");
            assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
            awaitJobCompleted(token, json(accepted).path("id").asText(), JOB_DEADLINE);
            assertThat(lxc("config", "device", "get", name, "axion-gpu0", "type").trim()).isEqualTo("gpu");
            pcis.add(lxc("config", "device", "get", name, "axion-gpu0", "pci").trim());
        }
        assertThat(pcis).doesNotHaveDuplicates().allMatch(pci -> pci.startsWith("0000:e"));

        for (String name : List.of("hpc-g1", "hpc-g2")) {
            awaitJobCompleted(token, json(request("DELETE", "/api/v1/instances/" + name, token, null)).path("id")
                    .asText(), JOB_DEADLINE);
        }
        await().atMost(DEADLINE).untilAsserted(() -> assertThat(json(request("GET", "/api/v1/hpc/pins", token, null))
                .size()).isZero());

        List<String> pinned = List.of("hpc-a", "hpc-b");
        for (String name : pinned) {
            HttpResponse<String> accepted = create(token, name, 1, "\"cpuPolicy\":\"dedicated\",\"numa\":\"strict\"");
            assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
            awaitJobCompleted(token, json(accepted).path("id").asText(), JOB_DEADLINE);
        }
        Set<String> sets = new HashSet<>();
        for (String name : pinned) {
            String set = lxc("config", "get", name, "limits.cpu").trim();
            // One CPU, so one node: strict never spans. Written as a range: LXD reads a bare number as a count.
            assertThat(set).matches("(\\d+)-\\1");
            sets.add(set);
            String cpu = set.substring(0, set.indexOf('-'));
            await().atMost(DEADLINE).untilAsserted(() -> assertThat(cpusetOf(name)).isEqualTo(cpu));
            // The view catches up with LXD's events: poll rather than read once.
            await().atMost(DEADLINE).untilAsserted(() -> {
                HttpResponse<String> shown = request("GET", "/api/v1/instances/" + name, token, null);
                assertThat(json(shown).path("config").path("limits.cpu").asText()).as(shown.body()).isEqualTo(set);
            });
        }
        assertThat(sets).hasSize(2);
        assertThat(json(request("GET", "/api/v1/hpc/pins", token, null)).size()).isEqualTo(2);
        assertThat(executeCommand("axion:core-map " + host)).contains("hpc-a", "hpc-b");

        // Both cores are pinned: a third dedicated create that may wait gets a queue entry (202), not a 422; it holds
        // its name, and one queued behind it can be cancelled.
        HttpResponse<String> waiting = create(token, "hpc-c", 1, "\"cpuPolicy\":\"dedicated\",\"queue\":true,"
                + "\"priority\":5");
        assertThat(waiting.statusCode()).as(waiting.body()).isEqualTo(202);
        JsonNode entry = json(waiting);
        String queuedId = entry.path("id").asText();
        assertThat(entry.path("state").asText()).isEqualTo("queued");
        assertThat(entry.path("position").asInt()).isEqualTo(1);
        assertThat(waiting.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).endsWith("/api/v1/queue/" + queuedId));
        assertThat(create(token, "hpc-c", 1, "\"cpuPolicy\":\"dedicated\"").statusCode()).isEqualTo(409);
        HttpResponse<String> behind = create(token, "hpc-d", 1, "\"cpuPolicy\":\"dedicated\",\"queue\":true");
        assertThat(json(behind).path("position").asInt()).as(behind.body()).isEqualTo(2);
        assertThat(json(request("GET", "/api/v1/queue", token, null)).findValuesAsText("name"))
                .containsExactly("hpc-c", "hpc-d");
        assertThat(executeCommand("axion:queue")).contains("hpc-c", "hpc-d");
        assertThat(request("DELETE", "/api/v1/queue/" + json(behind).path("id").asText(), token, null).statusCode())
                .isEqualTo(200);
        assertThat(json(request("GET", "/api/v1/queue", token, null)).findValuesAsText("name"))
                .containsExactly("hpc-c");
        assertThat(lxc("list", "--format", "csv", "-c", "n")).doesNotContain("hpc-c").doesNotContain("hpc-d");

        // A gang that cannot fit waits whole and is listed with the creates, as a gang; it is cancelled there.
        HttpResponse<String> gang = request("POST", "/api/v1/gangs", token, "{\"name\":\"hpc-q\",\"count\":1,"
                + "\"queue\":true,\"priority\":7,\"template\":{\"image\":\"axion/busybox\",\"cpu\":1,"
                + "\"memoryMiB\":64,\"cpuPolicy\":\"dedicated\"}}");
        assertThat(gang.statusCode()).as(gang.body()).isEqualTo(202);
        JsonNode queue = json(request("GET", "/api/v1/queue", token, null));
        assertThat(queue.findValuesAsText("name")).containsExactly("hpc-c", "hpc-q");
        assertThat(queue.findValuesAsText("kind")).containsExactly("create", "gang");
        assertThat(queue.get(1).path("id").asText()).isEqualTo("gang:hpc-q");
        assertThat(queue.get(1).path("priority").asInt()).isEqualTo(7);
        assertThat(executeCommand("axion:queue")).contains("gang:hpc-q");
        assertThat(request("DELETE", "/api/v1/queue/gang:hpc-q", token, null).statusCode()).isEqualTo(200);
        assertThat(request("GET", "/api/v1/gangs/hpc-q", token, null).statusCode()).isEqualTo(404);
        assertThat(json(request("GET", "/api/v1/queue", token, null)).findValuesAsText("name"))
                .containsExactly("hpc-c");

        // Deleting a pinned instance releases its cores.
        HttpResponse<String> deleted = request("DELETE", "/api/v1/instances/hpc-b", token, null);
        awaitJobCompleted(token, json(deleted).path("id").asText(), JOB_DEADLINE);
        await().atMost(DEADLINE).untilAsserted(() -> assertThat(json(request("GET", "/api/v1/hpc/pins", token, null))
                .findValuesAsText("instance")).doesNotContain("hpc-b").contains("hpc-a"));

        // hpc-b's core is back: the queued create starts by itself, pinned to it.
        JsonNode started = await().atMost(JOB_DEADLINE).until(() -> json(request("GET", "/api/v1/queue/" + queuedId,
                token, null)), left -> "started".equals(left.path("state").asText()));
        awaitJobCompleted(token, started.path("jobId").asText(), JOB_DEADLINE);
        String setC = lxc("config", "get", "hpc-c", "limits.cpu").trim();
        assertThat(setC).matches("(\\d+)-\\1").isNotEqualTo(lxc("config", "get", "hpc-a", "limits.cpu").trim());
        await().atMost(DEADLINE).untilAsserted(() -> assertThat(cpusetOf("hpc-c"))
                .isEqualTo(setC.substring(0, setC.indexOf('-'))));
        assertThat(json(request("GET", "/api/v1/queue", token, null)).size()).isZero();

        // The support method waits until the feature's bundle is gone (see there why that can take a second round).
        uninstallFeatureAtRuntime(FEATURE);
        await().atMost(DEADLINE).untilAsserted(() -> {
            assertThat(request("GET", coreMap, token, null).statusCode()).isEqualTo(404);
            assertThat(placement(token)).isEqualTo("most-free-capacity");
        });
        JsonNode kept = json(request("GET", "/api/v1/instances/hpc-a", token, null));
        assertThat(kept.path("config").path("limits.cpu").asText()).isEqualTo(lxc("config", "get", "hpc-a",
                "limits.cpu").trim());
        assertThat(json(request("GET", "/api/v1/instances", token, null)).findValuesAsText("name")).contains("hpc-a");
    }

    /**
     * A shared instance runs on every core, then only on the core a dedicated one leaves, then on both again once
     * the dedicated one is deleted; its view and quota keep counting its 1 core throughout.
     */
    private void sharedInstancesRunOnTheUnpinnedCores(String token) throws Exception {
        HttpResponse<String> shared = create(token, "hpc-s", 1, "\"cpuPolicy\":\"shared\"");
        assertThat(shared.statusCode()).as(shared.body()).isEqualTo(202);
        awaitJobCompleted(token, json(shared).path("id").asText(), JOB_DEADLINE);
        assertThat(lxc("config", "get", "hpc-s", "limits.cpu").trim()).isEqualTo("0-1");
        assertThat(lxc("config", "get", "hpc-s", "limits.cpu.allowance").trim()).isEqualTo("100ms/100ms");
        await().atMost(DEADLINE).untilAsserted(() -> assertThat(cpusetOf("hpc-s")).isEqualTo("0-1"));
        await().atMost(DEADLINE).untilAsserted(() -> assertThat(json(request("GET", "/api/v1/instances/hpc-s",
                token, null)).path("cpu").asInt()).isEqualTo(1));

        HttpResponse<String> pinned = create(token, "hpc-p", 1, "\"cpuPolicy\":\"dedicated\"");
        assertThat(pinned.statusCode()).as(pinned.body()).isEqualTo(202);
        awaitJobCompleted(token, json(pinned).path("id").asText(), JOB_DEADLINE);
        String pin = lxc("config", "get", "hpc-p", "limits.cpu").trim();
        String other = pin.equals("0-0") ? "1" : "0";
        await().atMost(JOB_DEADLINE).untilAsserted(() -> {
            assertThat(lxc("config", "get", "hpc-s", "limits.cpu").trim()).isEqualTo(other + "-" + other);
            assertThat(cpusetOf("hpc-s")).isEqualTo(other);
        });
        assertThat(lxc("config", "get", "hpc-s", "limits.cpu.allowance").trim()).isEqualTo("100ms/100ms");
        await().atMost(DEADLINE).untilAsserted(() -> assertThat(json(request("GET", "/api/v1/instances/hpc-s",
                token, null)).path("cpu").asInt()).isEqualTo(1));
        // One core each of the host's two: the quota counts the shared one as 1, not as its set.
        await().atMost(DEADLINE).untilAsserted(() -> assertThat(json(request("GET", "/api/v1/quota", token, null))
                .path("cpu").path("allocated").asInt()).isEqualTo(2));

        awaitJobCompleted(token, json(request("DELETE", "/api/v1/instances/hpc-p", token, null)).path("id")
                .asText(), JOB_DEADLINE);
        await().atMost(JOB_DEADLINE).untilAsserted(() -> {
            assertThat(lxc("config", "get", "hpc-s", "limits.cpu").trim()).isEqualTo("0-1");
            assertThat(cpusetOf("hpc-s")).isEqualTo("0-1");
        });
        awaitJobCompleted(token, json(request("DELETE", "/api/v1/instances/hpc-s", token, null)).path("id")
                .asText(), JOB_DEADLINE);
    }

    private HttpResponse<String> create(String token, String name, int cpu, String scheduling) {
        return request("POST", "/api/v1/instances", token, "{\"name\":\"" + name
                + "\",\"image\":\"axion/busybox\",\"cpu\":" + cpu + ",\"memoryMiB\":64," + scheduling + "}");
    }

    private String placement(String token) {
        return json(request("GET", "/api/v1/cluster", token, null)).path("placement").asText();
    }

    /** The container's cpuset as the kernel has it (cgroup v1 here, v2 elsewhere). */
    private String cpusetOf(String name) throws Exception {
        String container = lxdProject() + "_" + name;
        for (Path file : List.of(Path.of("/sys/fs/cgroup/cpuset/lxc.payload." + container + "/cpuset.cpus"),
                Path.of("/sys/fs/cgroup/lxc.payload." + container + "/cpuset.cpus.effective"))) {
            if (Files.exists(file)) {
                return Files.readString(file).trim();
            }
        }
        return lxc("exec", name, "--", "cat", "/sys/fs/cgroup/cpuset/cpuset.cpus").trim();
    }
}
