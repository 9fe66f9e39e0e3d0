package io.axion.instances.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.axion.api.instance.CreateInstance;
import io.axion.api.instance.InstanceJobTypes;
import io.axion.api.instance.Resize;
import io.axion.api.job.Job;
import io.axion.api.job.JobContext;
import io.axion.api.job.JobResult;
import io.axion.api.job.JobState;
import io.axion.api.job.PermanentJobException;
import io.axion.api.lxd.InstanceInfo;
import io.axion.api.lxd.InstanceStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class InstanceJobHandlerTest {
    private final Fixture fx = new Fixture(null);

    @AfterEach
    void close() {
        fx.close();
    }

    @Test
    void createMakesStartsMarksAndShowsTheInstance() throws Exception {
        Context context = new Context("job-1", InstanceJobTypes.CREATE, "web", Instant.now(), Map.of());
        context.record = new CreateInstance("web", "axion/busybox", 2, 128, null, "#cloud-config\n", true);
        JobResult result = fx.handler.process(context);
        assertThat(result.outcome()).isEqualTo(JobResult.Outcome.SUCCEEDED);
        InstanceInfo made = fx.lxd.instances.get("web");
        assertThat(made.status()).isEqualTo(InstanceStatus.RUNNING);
        assertThat(made.config()).containsEntry(InstanceJobHandler.JOB_KEY, "job-1")
                .containsEntry("cloud-init.user-data", "#cloud-config\n");
        assertThat(fx.view.find("web")).hasValueSatisfying(i -> assertThat(i.status()).isEqualTo("Running"));
        // The mark travels in the creating request: LXD is asked to create and to start, nothing more.
        assertThat(fx.lxd.calls).containsExactly("create web", "start web");
    }

    @Test
    void aRepeatedCreateFindsTheInstanceItMadeAndDoesNotMakeItAgain() throws Exception {
        Context first = new Context("job-1", InstanceJobTypes.CREATE, "web", Instant.now(), Map.of());
        first.record = new CreateInstance("web", "axion/busybox", 1, 64, null, null, false);
        fx.handler.process(first);
        InstanceInfo made = fx.lxd.instances.get("web");
        Context again = new Context("job-1", InstanceJobTypes.CREATE, "web", Instant.now(), Map.of());
        again.record = first.record;
        assertThat(fx.handler.process(again).outcome()).isEqualTo(JobResult.Outcome.SUCCEEDED);
        assertThat(fx.lxd.instances.get("web")).isSameAs(made);
        assertThat(again.log).anyMatch(line -> line.contains("earlier attempt"));
    }

    @Test
    void aCreateRefusesAnInstanceSomeoneElseMadeBefore() {
        fx.lxd.instances.put("old", new InstanceInfo("old", InstanceStatus.STOPPED, "img", 1, 64L, null,
                Instant.now().minusSeconds(3600), "none", List.of(), Map.of()));
        Context context = new Context("job-2", InstanceJobTypes.CREATE, "old", Instant.now(), Map.of());
        context.record = new CreateInstance("old", "img", 1, 64, null, null, true);
        assertThatThrownBy(() -> fx.handler.process(context)).isInstanceOf(PermanentJobException.class);
    }

    @Test
    void deleteStopsFirstAndThenFindsItGone() throws Exception {
        fx.lxd.add("d", InstanceStatus.RUNNING, 1, 64L);
        fx.reconcile();
        fx.handler.process(new Context("j", InstanceJobTypes.DELETE, "d", Instant.now(), Map.of()));
        assertThat(fx.lxd.calls).containsSubsequence("stop d", "delete d");
        assertThat(fx.view.find("d")).isEmpty();
        JobResult again = fx.handler.process(new Context("j", InstanceJobTypes.DELETE, "d", Instant.now(), Map.of()));
        assertThat(again.message()).isEqualTo("already gone");
    }

    @Test
    void stopRestartResizeAndStartAct() throws Exception {
        fx.lxd.add("s", InstanceStatus.RUNNING, 1, 64L);
        fx.handler.process(new Context("j", InstanceJobTypes.STOP, "s", Instant.now(), Map.of("force", true)));
        assertThat(fx.view.find("s").orElseThrow().status()).isEqualTo("Stopped");
        fx.handler.process(new Context("j", InstanceJobTypes.START, "s", Instant.now(), Map.of()));
        fx.handler.process(new Context("j", InstanceJobTypes.RESTART, "s", Instant.now(), Map.of()));
        Context resize = new Context("j", InstanceJobTypes.RESIZE, "s", Instant.now(), Map.of());
        resize.record = new Resize(2, null);
        fx.handler.process(resize);
        assertThat(fx.lxd.calls).containsExactly("force-stop s", "start s", "restart s", "limits s 2 null");
        assertThat(fx.view.find("s").orElseThrow().cpu()).isEqualTo(2);
        assertThat(fx.view.find("s").orElseThrow().memoryMiB()).isEqualTo(64L);
    }

    /** A job attempt as the engine would hand it over. */
    static final class Context implements JobContext {
        private final Job job;
        final List<String> log = new ArrayList<>();
        Object record;

        Context(String id, String type, String instance, Instant created, Map<String, Object> payload) {
            job = new Job(id, type, instance, JobState.IN_PROGRESS, 1, 5, null, created, Instant.now(), null, null,
                    "node-1", null, payload, List.of());
        }

        @Override
        public Job job() {
            return job;
        }

        @Override
        public <T> T payload(Class<T> type) {
            return type.cast(record);
        }

        @Override
        public void log(String message) {
            log.add(message);
        }

        @Override
        public boolean stopRequested() {
            return false;
        }
    }
}
