package io.axion.instances.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.axion.api.error.NotFoundException;
import io.axion.api.error.ValidationException;
import io.axion.api.instance.CreateInstance;
import io.axion.api.lxd.InstanceStatus;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class InstancesResourceTest {
    private final Fixture fx = new Fixture(null);
    private final InstancesResource resource = new InstancesResource(fx.instances);

    @AfterEach
    void close() {
        fx.close();
    }

    @Test
    void changesAnswer202WithTheJobAndItsLocation() {
        Response response = resource.create(new CreateInstance("web", "img", 1, 64, null, null, false), null, null);
        assertThat(response.getStatus()).isEqualTo(202);
        @SuppressWarnings("unchecked")
        Map<String, Object> job = (Map<String, Object>) response.getEntity();
        assertThat(job).containsEntry("type", "instance.create").containsEntry("instance", "web")
                .containsEntry("state", "PENDING");
        assertThat(response.getLocation().toString()).isEqualTo("/api/v1/jobs/" + job.get("id"));
    }

    @Test
    void stopTakesForceAndRejectsNonsense() {
        fx.lxd.add("s", InstanceStatus.RUNNING, 1, 64L);
        fx.reconcile();
        assertThat(resource.stop("s", "true").getStatus()).isEqualTo(202);
        assertThat(fx.jobs.enqueued.get(0).payload()).containsEntry("force", true);
        assertThatThrownBy(() -> resource.stop("s", "maybe")).isInstanceOf(ValidationException.class)
                .hasMessageStartingWith("force:");
    }

    @Test
    void aNameThatBreaksTheRuleIsUnknown() {
        assertThatThrownBy(() -> resource.get("Not_A_Name")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> resource.delete("x".repeat(300))).isInstanceOf(NotFoundException.class)
                .hasMessageContaining("...");
    }
}
