package io.axion.instances.internal;

import io.axion.api.lxd.LxdSnapshots;
import io.axion.api.placement.HostCandidate;
import io.axion.api.placement.Placement;
import io.axion.api.placement.PlacementPolicy;
import io.axion.api.placement.PlacementRequest;
import io.axion.store.internal.SqliteStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
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
    final TestHosts hosts = new TestHosts("node-1");
    final SqliteStore store;
    private final AutoCloseable agent;
    private final boolean ownsStore;

    Fixture(QuotaService quota) {
        this(quota, new FakeCluster(), null);
    }

    /** Another node over the same cluster and store (its view owns the same host, as after a take-over). */
    Fixture(QuotaService quota, FakeCluster cluster, SqliteStore shared) {
        this.cluster = cluster;
        this.ownsStore = shared == null;
        this.store = shared != null ? shared : new SqliteStore(tempFile());
        hosts.add(HOST, lxd, events, snapshots());
        view = new InstanceViewComponent(hosts, cluster);
        view.activate(TypedConfigs.of(InstancesConfig.class, java.util.Map.of("reconcileSeconds", 3600)));
        agent = view.hostAcquired(HOST, hosts.lxd(HOST));
        instances = new InstancesComponent(view, jobs, hosts, store, null, new FirstFit());
        instances.activate(Configs.instances());
        if (quota != null) {
            instances.bindQuota(quota);
        }
        handler = new InstanceJobHandler(hosts, view, null);
    }

    static final String HOST = "h1";

    /** Re-lists the host now, as its periodic reconcile would. */
    void reconcile() {
        view.reconcile(HOST);
    }

    private static Path tempFile() {
        try {
            Path folder = Files.createTempDirectory("axion-instances-test");
            folder.toFile().deleteOnExit();
            return folder.resolve("axion.db");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The first online host the request fits on. */
    static final class FirstFit implements PlacementPolicy {
        @Override
        public String name() {
            return "first-fit";
        }

        @Override
        public Optional<Placement> place(PlacementRequest request, List<HostCandidate> candidates) {
            return candidates.stream().filter(HostCandidate::online).filter(c -> c.fits(request)).findFirst()
                    .map(c -> Placement.on(c.name()));
        }
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
        try {
            agent.close();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        view.deactivate();
        if (ownsStore) {
            store.close();
        }
    }
}
