package io.axion.jobs.internal;

import static io.axion.jobs.internal.EngineHarness.FAST;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.axion.api.error.AxionException;
import io.axion.api.error.NotFoundException;
import io.axion.api.error.ValidationException;
import io.axion.api.job.Job;
import io.axion.api.job.JobResult;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobsResourceTest {
    @TempDir
    java.nio.file.Path dir;
    EngineHarness harness;
    JobEngine engine;
    JobsResource resource;

    @BeforeEach
    void open() {
        harness = new EngineHarness(dir);
        engine = harness.started(FAST);
        resource = new JobsResource(engine);
    }

    @AfterEach
    void close() {
        harness.close();
    }

    @Test
    void isAViewerResourceAtTheApiPath() {
        assertThat(JobsResource.class.getAnnotation(Path.class).value()).isEqualTo("/api/v1/jobs");
        assertThat(JobsResource.class.getAnnotation(RolesAllowed.class).value()).containsExactly("viewer");
    }

    @Test
    void listsNewestFirstAndFilters() throws Exception {
        engine.addHandler("ok", ctx -> JobResult.ok());
        Job done = engine.awaitFinished(engine.enqueue("ok", "a", null).id(), Duration.ofSeconds(30));
        Job waiting = engine.enqueue("unhandled", "b", null);

        List<Map<String, Object>> all = resource.list(null, null, null, null);
        assertThat(all).extracting(j -> j.get("id")).containsExactly(waiting.id(), done.id());
        assertThat(resource.list("a", null, "", null)).extracting(j -> j.get("id")).containsExactly(done.id());
        assertThat(resource.list(null, "completed", "10", null)).extracting(j -> j.get("id")).containsExactly(done.id());
        assertThat(resource.list(null, "PENDING", "1", null)).extracting(j -> j.get("state")).containsExactly("PENDING");
        assertThat(all.get(1)).containsEntry("state", "COMPLETED").containsEntry("attempts", 1)
                .containsEntry("maxAttempts", 5).containsEntry("node", "node-a").containsEntry("error", null)
                .containsKeys("createdAt", "startedAt", "finishedAt").doesNotContainKeys("payload", "log");
    }

    @Test
    void getsOneJobWithItsLog() throws Exception {
        engine.addHandler("ok", ctx -> JobResult.ok());
        Job done = engine.awaitFinished(engine.enqueue("ok", "a", Map.of("secret", "x")).id(), Duration.ofSeconds(30));

        Map<String, Object> json = resource.get(done.id(), null);
        assertThat(json).containsEntry("id", done.id()).containsEntry("type", "ok").containsEntry("instance", "a")
                .doesNotContainKey("payload");
        assertThat((List<?>) json.get("log")).hasSize(2);
    }

    @Test
    void anUnknownIdIs404() {
        assertThatThrownBy(() -> resource.get("missing", null)).isInstanceOf(NotFoundException.class)
                .extracting(e -> ((AxionException) e).status()).isEqualTo(404);
    }

    @Test
    void aBadStateOrLimitIs422NamingTheField() {
        assertThatThrownBy(() -> resource.list(null, "RUNNING", null, null)).isInstanceOf(ValidationException.class)
                .hasMessageStartingWith("state:")
                .extracting(e -> ((AxionException) e).status()).isEqualTo(422);
        assertThatThrownBy(() -> resource.list(null, null, "0", null)).isInstanceOf(ValidationException.class)
                .hasMessageStartingWith("limit:");
        assertThatThrownBy(() -> resource.list(null, null, "ten", null)).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> resource.list(null, null, "1001", null)).isInstanceOf(ValidationException.class);
    }
}
