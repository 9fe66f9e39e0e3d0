package io.axion.jobs.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.axion.api.job.Job;
import io.axion.api.job.JobHandler;
import io.axion.api.job.JobResult;
import io.axion.api.job.JobState;
import java.lang.reflect.Field;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The DS glue, driven the way SCR drives it: fields injected, handlers bound before and after activation. */
class JobsComponentTest {
    @TempDir
    Path dir;
    EngineHarness harness;
    JobsComponent component;

    @BeforeEach
    void open() throws Exception {
        harness = new EngineHarness(dir);
        component = new JobsComponent();
        inject("store", harness.store);
        inject("cluster", harness.cluster);
        inject("eventBus", harness.bus);
    }

    @AfterEach
    void close() {
        component.deactivate();
        harness.close();
    }

    @Test
    void handlersBoundBeforeAndAfterActivationRunTheirJobs() throws Exception {
        JobHandler early = ctx -> JobResult.ok("early");
        component.bindHandler(early, Map.of(JobHandler.TYPE_PROPERTY, new String[] {"a", "b"}));
        component.activate(config(Map.of("workers", 2)));

        Job a = component.awaitFinished(component.enqueue("a", "x", null).id(), Duration.ofSeconds(30));
        Job b = component.awaitFinished(component.enqueue("b", "y", null).id(), Duration.ofSeconds(30));
        assertThat(a.state()).isEqualTo(JobState.COMPLETED);
        assertThat(b.log()).last().asString().endsWith("succeeded: early");

        Job late = component.enqueue("c", "z", null);
        JobHandler lateHandler = ctx -> JobResult.ok("late");
        component.bindHandler(lateHandler, Map.of(JobHandler.TYPE_PROPERTY, "c"));
        assertThat(component.awaitFinished(late.id(), Duration.ofSeconds(30)).state()).isEqualTo(JobState.COMPLETED);

        component.unbindHandler(early, Map.of(JobHandler.TYPE_PROPERTY, new String[] {"a", "b"}));
        Job orphan = component.enqueue("a", "x", null);
        Job other = component.awaitFinished(component.enqueue("c", "w", null).id(), Duration.ofSeconds(30));
        assertThat(other.state()).isEqualTo(JobState.COMPLETED);
        assertThat(component.find(orphan.id()).orElseThrow().state()).isEqualTo(JobState.PENDING);
    }

    private void inject(String field, Object value) throws Exception {
        Field f = JobsComponent.class.getDeclaredField(field);
        f.setAccessible(true);
        f.set(component, value);
    }

    /** A JobsConfig with its defaults, as SCR builds it, plus the given overrides and fast test timings. */
    private static JobsConfig config(Map<String, Object> overrides) {
        Map<String, Object> fast = Map.of("leaseSeconds", 2, "backoffInitialMillis", 50L, "lockRetryMillis", 50L,
                "shutdownGraceSeconds", 2);
        return (JobsConfig) Proxy.newProxyInstance(JobsConfig.class.getClassLoader(), new Class<?>[] {JobsConfig.class},
                (proxy, method, args) -> {
                    if (overrides.containsKey(method.getName())) {
                        return overrides.get(method.getName());
                    }
                    if (fast.containsKey(method.getName())) {
                        return fast.get(method.getName());
                    }
                    if (method.getDefaultValue() != null) {
                        return method.getDefaultValue();
                    }
                    return method.getName().equals("toString") ? "JobsConfig" : null;
                });
    }
}
