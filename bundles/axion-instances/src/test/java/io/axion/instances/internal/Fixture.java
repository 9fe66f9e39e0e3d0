package io.axion.instances.internal;

import io.axion.api.lxd.LxdSnapshots;
import io.axion.api.lxd.SnapshotInfo;
import io.axion.api.quota.QuotaService;
import io.axion.testing.TypedConfigs;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** The instances bundle's components wired over fakes, as DS would wire them. */
final class Fixture implements AutoCloseable {
    final FakeLxd lxd = new FakeLxd();
    final FakeEvents events = new FakeEvents();
    final FakeJobs jobs = new FakeJobs();
    final FakeCluster cluster;
    final AtomicInteger snapshotLists = new AtomicInteger();
    final InstanceViewComponent view;
    final InstancesComponent instances;
    final InstanceJobHandler handler;

    Fixture(QuotaService quota) {
        this(quota, new FakeCluster());
    }

    Fixture(QuotaService quota, FakeCluster cluster) {
        this.cluster = cluster;
        view = new InstanceViewComponent(lxd, snapshots(), events, cluster);
        view.activate(TypedConfigs.of(InstancesConfig.class, java.util.Map.of("reconcileSeconds", 3600)));
        instances = new InstancesComponent(view, jobs, cluster, null);
        instances.activate(Configs.instances());
        if (quota != null) {
            instances.bindQuota(quota);
        }
        handler = new InstanceJobHandler(lxd, view, null);
    }

    private LxdSnapshots snapshots() {
        return new LxdSnapshots() {
            @Override
            public List<SnapshotInfo> list(String instance) {
                snapshotLists.incrementAndGet();
                return List.of(new SnapshotInfo("snap0", Instant.parse("2026-01-01T00:00:00Z"), false));
            }

            @Override
            public SnapshotInfo create(String instance, String snapshot, boolean stateful) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void restore(String instance, String snapshot) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void delete(String instance, String snapshot) {
                throw new UnsupportedOperationException();
            }
        };
    }

    @Override
    public void close() {
        view.deactivate();
    }
}
