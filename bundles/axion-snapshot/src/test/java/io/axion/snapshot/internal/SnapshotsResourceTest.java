package io.axion.snapshot.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.axion.api.lxd.InstanceStatus;
import io.axion.testing.FakeLxd;
import io.axion.testing.InMemoryCluster;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SnapshotsResourceTest {
    FakeLxd lxd = new FakeLxd();
    Fakes.Jobs jobs = new Fakes.Jobs();
    SnapshotsResource resource = new SnapshotsResource(
            new SnapshotManager(lxd, lxd.snapshots, jobs, new InMemoryCluster("node-a"),
                    name -> java.util.Optional.of("h1")));

    @Test
    void viewersReadOperatorsChange() throws Exception {
        assertThat(SnapshotsResource.class.getAnnotation(Path.class).value())
                .isEqualTo("/api/v1/instances/{name}/snapshots");
        assertThat(SnapshotsResource.class.getAnnotation(RolesAllowed.class).value()).containsExactly("viewer");
        for (String method : new String[] {"create", "restore", "delete"}) {
            assertThat(java.util.Arrays.stream(SnapshotsResource.class.getMethods())
                    .filter(m -> m.getName().equals(method)).findFirst().orElseThrow()
                    .getAnnotation(RolesAllowed.class).value()).containsExactly("operator");
        }
    }

    @Test
    void changesAnswer202WithTheJobAndItsLocation() {
        lxd.add("web", InstanceStatus.RUNNING);

        Response response = resource.create("web", new SnapshotRequest("s1"));

        assertThat(response.getStatus()).isEqualTo(202);
        assertThat(response.getLocation().toString()).isEqualTo("/api/v1/jobs/job-1");
        @SuppressWarnings("unchecked")
        Map<String, Object> job = (Map<String, Object>) response.getEntity();
        assertThat(job).containsEntry("id", "job-1").containsEntry("type", "snapshot.create")
                .containsEntry("instance", "web").containsEntry("state", "PENDING");
    }
}
