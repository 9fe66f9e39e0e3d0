package io.axion.snapshot.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.axion.api.job.JobContext;
import io.axion.api.network.ForwardService;
import io.axion.api.job.JobResult;
import io.axion.api.job.PermanentJobException;
import io.axion.api.lxd.ForwardProtocol;
import io.axion.api.lxd.InstanceStatus;
import io.axion.api.lxd.LxdNotFoundException;
import io.axion.api.lxd.ProxyForward;
import io.axion.api.snapshot.SnapshotJobs;
import io.axion.testing.FakeLxd;
import io.axion.testing.InMemoryCluster;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SnapshotHandlersTest {
    FakeLxd lxd = new FakeLxd();
    InMemoryCluster cluster = new InMemoryCluster("node-a");
    CreateSnapshotHandler create = new CreateSnapshotHandler(lxd.snapshots);
    DeleteSnapshotHandler delete = new DeleteSnapshotHandler(lxd.snapshots);
    RestoreSnapshotHandler restore = new RestoreSnapshotHandler(lxd, lxd.snapshots, lxd.forwards, cluster);

    static JobContext job(String type, String snapshot) {
        return Fakes.context(type, "web", Map.of("snapshot", snapshot));
    }

    @Test
    void createRunTwiceFindsTheSnapshotItMade() throws Exception {
        lxd.add("web", InstanceStatus.RUNNING);

        assertThat(create.process(job(SnapshotJobs.CREATE, "s1")).outcome()).isEqualTo(JobResult.Outcome.SUCCEEDED);
        assertThat(create.process(job(SnapshotJobs.CREATE, "s1")).outcome()).isEqualTo(JobResult.Outcome.SUCCEEDED);

        assertThat(lxd.instance("web").snapshots).containsOnlyKeys("s1");
        assertThat(lxd.calls).containsOnlyOnce("snapshot");
    }

    @Test
    void deleteRunTwiceFindsItGone() throws Exception {
        lxd.add("web", InstanceStatus.STOPPED);
        lxd.snapshots.create("web", "s1", false);

        assertThat(delete.process(job(SnapshotJobs.DELETE, "s1")).outcome()).isEqualTo(JobResult.Outcome.SUCCEEDED);
        assertThat(delete.process(job(SnapshotJobs.DELETE, "s1")).outcome()).isEqualTo(JobResult.Outcome.SUCCEEDED);

        assertThat(lxd.instance("web").snapshots).isEmpty();
        assertThat(lxd.calls).containsOnlyOnce("deleteSnapshot");
    }

    @Test
    void aJobWithoutItsPayloadFailsForGood() {
        lxd.add("web", InstanceStatus.STOPPED);
        assertThatThrownBy(() -> create.process(Fakes.context(SnapshotJobs.CREATE, "web", Map.of())))
                .isInstanceOf(PermanentJobException.class);
    }

    @Test
    void restoreStopsRestoresAndStartsARunningInstance() throws Exception {
        FakeLxd.Instance web = lxd.add("web", InstanceStatus.RUNNING);
        web.content = "before";
        lxd.snapshots.create("web", "s1", false);
        web.content = "written after the snapshot";

        assertThat(restore.process(job(SnapshotJobs.RESTORE, "s1")).outcome()).isEqualTo(JobResult.Outcome.SUCCEEDED);

        assertThat(web.content).isEqualTo("before");
        assertThat(web.status).isEqualTo(InstanceStatus.RUNNING);
        assertThat(lxd.calls).containsSubsequence("stop", "restore", "start");
        assertThat(web.config).doesNotContainKey(RestoreMarker.KEY);
    }

    @Test
    void aStoppedInstanceStaysStopped() throws Exception {
        FakeLxd.Instance web = lxd.add("web", InstanceStatus.STOPPED);
        web.content = "before";
        lxd.snapshots.create("web", "s1", false);
        web.content = "after";

        restore.process(job(SnapshotJobs.RESTORE, "s1"));

        assertThat(web.content).isEqualTo("before");
        assertThat(web.status).isEqualTo(InstanceStatus.STOPPED);
        assertThat(lxd.calls).doesNotContain("stop", "start");
    }

    @Test
    void restoreKeepsTheCurrentLimitsAndForwards() throws Exception {
        FakeLxd.Instance web = lxd.add("web", InstanceStatus.RUNNING);
        web.config.put("limits.cpu", "1");
        web.forwards.add(forward(10001, 80));
        lxd.snapshots.create("web", "s1", false);
        // After the snapshot: resized (the quota governor counted it), forwards changed.
        web.config.put("limits.cpu", "2");
        web.config.put("limits.memory", "512MiB");
        web.forwards.clear();
        web.forwards.add(forward(10002, 8080));

        restore.process(job(SnapshotJobs.RESTORE, "s1"));

        assertThat(web.config).containsEntry("limits.cpu", "2").containsEntry("limits.memory", "512MiB");
        assertThat(web.forwards).containsExactly(forward(10002, 8080));
        assertThat(cluster.table().taken()).contains(ForwardService.portLock("", "127.0.0.1", 10002));
        assertThat(cluster.table().held()).isEmpty();
    }

    @Test
    void aRestoreInterruptedAfterTheStopStillStartsTheInstanceWhenRunAgain() throws Exception {
        FakeLxd.Instance web = lxd.add("web", InstanceStatus.RUNNING);
        web.content = "before";
        web.config.put("limits.cpu", "2");
        lxd.snapshots.create("web", "s1", false);
        web.content = "after";
        lxd.failOnce.add("restore");

        assertThatThrownBy(() -> restore.process(job(SnapshotJobs.RESTORE, "s1")))
                .isInstanceOf(IllegalStateException.class);
        assertThat(web.status).isEqualTo(InstanceStatus.STOPPED);

        restore.process(job(SnapshotJobs.RESTORE, "s1"));

        assertThat(web.status).isEqualTo(InstanceStatus.RUNNING);
        assertThat(web.content).isEqualTo("before");
        assertThat(web.config).containsEntry("limits.cpu", "2").doesNotContainKey(RestoreMarker.KEY);
        assertThat(cluster.table().held()).isEmpty();
    }

    @Test
    void aRestoreInterruptedBeforeTheStartIsSafeToRepeat() throws Exception {
        FakeLxd.Instance web = lxd.add("web", InstanceStatus.RUNNING);
        web.content = "before";
        web.forwards.add(forward(10005, 80));
        lxd.snapshots.create("web", "s1", false);
        web.content = "after";
        web.forwards.clear();
        lxd.failOnce.add("start");

        assertThatThrownBy(() -> restore.process(job(SnapshotJobs.RESTORE, "s1")))
                .isInstanceOf(IllegalStateException.class);
        restore.process(job(SnapshotJobs.RESTORE, "s1"));

        assertThat(web.status).isEqualTo(InstanceStatus.RUNNING);
        assertThat(web.content).isEqualTo("before");
        assertThat(web.forwards).isEmpty(); // the forward of the snapshot's time stays gone
        assertThat(web.config).doesNotContainKey(RestoreMarker.KEY);
    }

    @Test
    void restoringTwiceGivesTheSameResult() throws Exception {
        FakeLxd.Instance web = lxd.add("web", InstanceStatus.RUNNING);
        web.content = "before";
        lxd.snapshots.create("web", "s1", false);
        web.content = "after";

        restore.process(job(SnapshotJobs.RESTORE, "s1"));
        restore.process(job(SnapshotJobs.RESTORE, "s1"));

        assertThat(web.content).isEqualTo("before");
        assertThat(web.status).isEqualTo(InstanceStatus.RUNNING);
    }

    @Test
    void aMissingSnapshotFailsWithoutTouchingTheInstance() {
        FakeLxd.Instance web = lxd.add("web", InstanceStatus.RUNNING);

        assertThatThrownBy(() -> restore.process(job(SnapshotJobs.RESTORE, "nope")))
                .isInstanceOf(LxdNotFoundException.class);
        assertThat(web.status).isEqualTo(InstanceStatus.RUNNING);
        assertThat(lxd.calls).isEmpty();
    }

    @Test
    void theMarkerRoundTripsThroughJson() {
        RestoreMarker marker = new RestoreMarker(true, "2", null, java.util.List.of(forward(10001, 80)));
        FakeLxd.Instance web = lxd.add("web", InstanceStatus.STOPPED);
        web.config.put(RestoreMarker.KEY, marker.json());

        assertThat(RestoreMarker.left(lxd.get("web"))).contains(marker);
        web.config.put(RestoreMarker.KEY, "{not json");
        assertThat(RestoreMarker.left(lxd.get("web"))).isEmpty();
    }

    static ProxyForward forward(int hostPort, int containerPort) {
        return new ProxyForward("127.0.0.1", hostPort, containerPort, ForwardProtocol.TCP);
    }
}
