package io.axion.shell.instances.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.axion.api.job.JobState;
import io.axion.shell.AxionAction;
import io.axion.shell.testing.FakeInstanceService;
import io.axion.shell.testing.FakeJobService;
import io.axion.shell.testing.Fields;
import io.axion.shell.testing.Output;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import org.apache.karaf.shell.support.CommandException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InstanceCommandsTest {
    final ObjectMapper mapper = new ObjectMapper();
    final FakeJobService jobs = new FakeJobService();
    final FakeInstanceService instances = new FakeInstanceService(jobs)
            .with("web", "Running", 1, 256L).with("db", "Stopped", null, null);

    <T extends AxionAction> T command(T command, String name) {
        Fields.set(command, "instances", instances);
        if (name != null) {
            Fields.set(command, "name", name);
        }
        try {
            return Fields.set(command, "jobs", jobs);
        } catch (IllegalArgumentException e) {
            return command; // a reading command has no job service
        }
    }

    @Test
    void listIsATableWithLimitsUseAndForwards() throws Exception {
        String out = Output.of(command(new InstanceListCommand(), null));
        assertThat(out).contains("NAME", "STATUS", "CPU", "MEMORY", "FORWARDS", "web", "Running", "256 MiB",
                "unlimited", "12.5", "64.0 MiB", "10080->80/tcp", "2026-11-27T09:00:00Z");
        assertThat(out.indexOf("db")).isLessThan(out.indexOf("web"));
    }

    @Test
    void listJsonIsTheRestShape() throws Exception {
        JsonNode json = mapper.readTree(Output.of(Fields.set(command(new InstanceListCommand(), null), "json", true)));
        assertThat(json).hasSize(2);
        JsonNode web = json.get(1);
        assertThat(web.path("name").asText()).isEqualTo("web");
        assertThat(web.path("status").asText()).isEqualTo("Running");
        assertThat(web.path("cpu").asInt()).isEqualTo(1);
        assertThat(web.path("memoryMiB").asInt()).isEqualTo(256);
        assertThat(web.path("createdAt").asText()).isEqualTo("2026-11-27T09:00:00Z");
        assertThat(web.path("usage").path("memoryBytes").asLong()).isEqualTo(64L * 1024 * 1024);
        assertThat(web.path("forwards").get(0).path("hostPort").asInt()).isEqualTo(10080);
        assertThat(json.get(0).path("cpu").isNull()).isTrue();
    }

    @Test
    void showPrintsConfigAndSnapshotsAndJson() throws Exception {
        String out = Output.of(command(new InstanceShowCommand(), "web"));
        assertThat(out).contains("NAME       web", "CONFIG", "limits.cpu = 1", "SNAPSHOTS", "before");
        JsonNode json = mapper.readTree(Output.of(Fields.set(command(new InstanceShowCommand(), "web"), "json", true)));
        assertThat(json.path("config").path("image.os").asText()).isEqualTo("busybox");
        assertThat(json.path("snapshots").get(0).path("name").asText()).isEqualTo("before");
    }

    @Test
    void createPassesEveryOptionAndPrintsTheJob(@TempDir Path dir) throws Exception {
        Path cloudInit = Files.writeString(dir.resolve("user-data"), "#cloud-config\nhostname: api\n");
        InstanceCreateCommand create = command(new InstanceCreateCommand(), "api");
        Fields.set(create, "image", "axion/busybox");
        Fields.set(create, "cpu", 2);
        Fields.set(create, "memoryMiB", 512);
        Fields.set(create, "diskGiB", 3);
        Fields.set(create, "cloudInitFile", cloudInit.toString());
        Fields.set(create, "noStart", true);

        assertThat(Output.of(create)).isEqualTo("Job job-1 PENDING (instance.create api)\n");
        assertThat(instances.lastCreate.cpu()).isEqualTo(2);
        assertThat(instances.lastCreate.memoryMiB()).isEqualTo(512);
        assertThat(instances.lastCreate.diskGiB()).isEqualTo(3);
        assertThat(instances.lastCreate.cloudInit()).contains("hostname: api");
        assertThat(instances.lastCreate.startAfterCreate()).isFalse();
    }

    @Test
    void createIsValidatedByTheService() {
        InstanceCreateCommand noImage = command(new InstanceCreateCommand(), "api");
        assertThatThrownBy(() -> Output.of(noImage)).isInstanceOf(CommandException.class)
                .hasMessage("Error 422 (validation): image: is required (an LXD image alias or fingerprint)");
        InstanceCreateCommand badName = command(new InstanceCreateCommand(), "Bad_Name");
        assertThatThrownBy(() -> Output.of(badName)).hasMessageStartingWith("Error 422 (validation): name:");
        InstanceCreateCommand taken = Fields.set(command(new InstanceCreateCommand(), "web"), "image", "x");
        assertThatThrownBy(() -> Output.of(taken)).hasMessageStartingWith("Error 409 (instance-exists)");
    }

    @Test
    void aMissingCloudInitFileIsACommandError() {
        InstanceCreateCommand create = Fields.set(command(new InstanceCreateCommand(), "api"), "cloudInitFile",
                "/no/such/file");
        assertThatThrownBy(() -> Output.of(create)).isInstanceOf(CommandException.class)
                .hasMessageStartingWith("Cannot read the cloud-init file /no/such/file");
    }

    @Test
    void lifecycleCommandsQueueTheirJobs() throws Exception {
        assertThat(Output.of(command(new InstanceStartCommand(), "db"))).contains("(instance.start db)");
        assertThat(Output.of(Fields.set(command(new InstanceStopCommand(), "web"), "force", true)))
                .contains("(instance.stop web)");
        assertThat(instances.lastForce).isTrue();
        assertThat(Output.of(command(new InstanceRestartCommand(), "web"))).contains("(instance.restart web)");
        assertThat(instances.lastForce).isFalse();
        assertThat(Output.of(command(new InstanceDeleteCommand(), "db"))).contains("(instance.delete db)");
        InstanceResizeCommand resize = Fields.set(command(new InstanceResizeCommand(), "web"), "memoryMiB", 1024);
        assertThat(Output.of(resize)).contains("(instance.resize web)");
        assertThat(instances.lastResize.memoryMiB()).isEqualTo(1024);
        assertThat(instances.lastResize.cpu()).isNull();
    }

    @Test
    void waitPrintsTheFinalState() throws Exception {
        InstanceStartCommand start = Fields.set(command(new InstanceStartCommand(), "db"), "await", true);
        CompletableFuture.runAsync(() -> {
            while (jobs.find("job-1").isEmpty()) {
                Thread.onSpinWait();
            }
            jobs.finish("job-1", JobState.COMPLETED, null);
        });
        assertThat(Output.of(start)).endsWith("Job job-1 COMPLETED (instance.start db)\n");
    }

    @Test
    void unknownOrImpossibleNamesAre404AndAnEmptyResizeIs422() {
        assertThatThrownBy(() -> Output.of(command(new InstanceStartCommand(), "nope")))
                .hasMessage("Error 404 (not-found): Instance 'nope' does not exist");
        assertThatThrownBy(() -> Output.of(command(new InstanceDeleteCommand(), "NOT_valid")))
                .hasMessage("Error 404 (not-found): Instance 'NOT_valid' does not exist");
        assertThatThrownBy(() -> Output.of(command(new InstanceResizeCommand(), "web")))
                .hasMessageStartingWith("Error 422 (validation): body:");
    }
}
