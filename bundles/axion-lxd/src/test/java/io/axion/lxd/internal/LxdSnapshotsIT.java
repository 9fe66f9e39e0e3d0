package io.axion.lxd.internal;

import io.axion.api.lxd.FileAttributes;
import io.axion.api.lxd.LxdAlreadyExistsException;
import io.axion.api.lxd.LxdNotFoundException;
import io.axion.api.lxd.SnapshotInfo;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LxdSnapshotsIT extends LxdProjectSupport {

    @Test
    void createListRestoreDelete() throws Exception {
        String name = runningBusybox("snap");
        var snapshots = new LxdSnapshotsService(lxd);
        var files = new LxdFilesService(lxd);

        SnapshotInfo snapshot = snapshots.create(name, "before", false);
        assertThat(snapshot.name()).isEqualTo("before");
        assertThat(snapshot.createdAt()).isNotNull();
        assertThat(snapshot.stateful()).isFalse();
        assertThat(lxd.get("/1.0/instances/" + name + "/snapshots/before", Subject.snapshot(name, "before"), "read back")
                .metadata().path("name").asText()).endsWith("before");
        assertThat(snapshots.list(name)).extracting(SnapshotInfo::name).containsExactly("before");
        assertThatThrownBy(() -> snapshots.create(name, "before", false)).isInstanceOf(LxdAlreadyExistsException.class);

        files.write(name, "/after-snapshot", new ByteArrayInputStream("x".getBytes(StandardCharsets.UTF_8)),
                FileAttributes.defaults());
        assertThat(files.stat(name, "/after-snapshot").size()).isEqualTo(1);

        instances.stop(name, true, null);
        snapshots.restore(name, "before");
        assertThatThrownBy(() -> files.stat(name, "/after-snapshot")).isInstanceOf(LxdNotFoundException.class);
        assertThatThrownBy(() -> snapshots.restore(name, "missing")).isInstanceOf(LxdNotFoundException.class);

        snapshots.delete(name, "before");
        assertThat(snapshots.list(name)).isEmpty();
        assertThat(lxd.get("/1.0/instances/" + name + "/snapshots", Subject.instance(name), "read back").metadata())
                .isEmpty();
        assertThatThrownBy(() -> snapshots.delete(name, "before")).isInstanceOf(LxdNotFoundException.class);
    }
}
