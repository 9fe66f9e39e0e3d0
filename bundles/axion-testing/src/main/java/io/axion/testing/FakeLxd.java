package io.axion.testing;

import io.axion.api.lxd.InstanceCreation;
import io.axion.api.lxd.InstanceInfo;
import io.axion.api.lxd.InstanceSpec;
import io.axion.api.lxd.InstanceState;
import io.axion.api.lxd.InstanceStatus;
import io.axion.api.lxd.LxdAlreadyExistsException;
import io.axion.api.lxd.LxdForwards;
import io.axion.api.lxd.LxdInstances;
import io.axion.api.lxd.LxdNotFoundException;
import io.axion.api.lxd.LxdRefusedException;
import io.axion.api.lxd.LxdSnapshots;
import io.axion.api.lxd.ProxyForward;
import io.axion.api.lxd.SnapshotInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * LXD's instances in memory, each with a status, config, proxy devices ({@link #forwards}), snapshots
 * ({@link #snapshots}) and some "content" standing in for its files. It fails as the LXD driver does (the
 * {@code Lxd*Exception}s for a missing instance, a taken name or port, a start of a running instance, a restore of a
 * running one) and a snapshot copies, and a restore brings back, config, devices and content together, as LXD's do.
 * Lifecycle calls it does not model throw {@link UnsupportedOperationException}.
 */
public class FakeLxd implements LxdInstances {

    /** One instance's state; a test may read and change it directly. */
    public static final class Instance {
        public volatile InstanceStatus status = InstanceStatus.STOPPED;
        public volatile Map<String, String> config = new ConcurrentHashMap<>();
        public volatile List<ProxyForward> forwards = new CopyOnWriteArrayList<>();
        public volatile String content = "";
        /** By name, in the order they were taken. */
        public final Map<String, Instance> snapshots = new LinkedHashMap<>();

        Instance copy() {
            Instance copy = new Instance();
            copy.status = status;
            copy.config = new ConcurrentHashMap<>(config);
            copy.forwards = new CopyOnWriteArrayList<>(forwards);
            copy.content = content;
            return copy;
        }
    }

    /** By name; listed in name order. */
    public final Map<String, Instance> instances = new ConcurrentSkipListMap<>();
    /** The changes asked of LXD so far ({@code start}, {@code stop}, {@code patchConfig}, {@code snapshot}, ...). */
    public final List<String> calls = new CopyOnWriteArrayList<>();
    /** Calls (e.g. {@code start}) that fail once, as a crash at that point would. */
    public final Set<String> failOnce = ConcurrentHashMap.newKeySet();
    /** The proxy devices of these instances (a separate object: it has a {@code list(String)} of its own). */
    public final LxdForwards forwards = new Forwards();
    /** The snapshots of these instances (a separate object: it has a {@code list(String)} of its own). */
    public final LxdSnapshots snapshots = new Snapshots();

    public Instance add(String name, InstanceStatus status) {
        Instance instance = new Instance();
        instance.status = status;
        instances.put(name, instance);
        return instance;
    }

    /** @throws LxdNotFoundException when there is no such instance, as LXD's 404 */
    public Instance instance(String name) {
        Instance instance = instances.get(name);
        if (instance == null) {
            throw new LxdNotFoundException("Instance", name);
        }
        return instance;
    }

    /**
     * Every change passes here first, named as in {@link #calls}: recorded, then failed when {@link #failOnce} says
     * so. A subclass may add what LXD does around a change (its latency, say).
     */
    protected void call(String what) {
        calls.add(what);
        if (failOnce.remove(what)) {
            throw new IllegalStateException("crash at " + what);
        }
    }

    // --- LxdInstances ---

    @Override
    public List<InstanceInfo> list() {
        return instances.keySet().stream().map(this::get).toList();
    }

    @Override
    public InstanceInfo get(String name) {
        Instance i = instance(name);
        return new InstanceInfo(name, i.status, "axion/busybox", null, null, null, Instant.EPOCH, "none",
                i.forwards, i.config);
    }

    @Override
    public Optional<InstanceInfo> find(String name) {
        return instances.containsKey(name) ? Optional.of(get(name)) : Optional.empty();
    }

    @Override
    public InstanceCreation create(InstanceSpec spec) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void start(String name) {
        call("start");
        Instance i = instance(name);
        if (i.status == InstanceStatus.RUNNING) {
            throw new LxdRefusedException(true, 400, "start", "The instance is already running");
        }
        i.status = InstanceStatus.RUNNING;
    }

    @Override
    public void stop(String name, boolean force, Duration gracefulTimeout) {
        call("stop");
        instance(name).status = InstanceStatus.STOPPED;
    }

    @Override
    public void restart(String name, boolean force) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void freeze(String name) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void unfreeze(String name) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void delete(String name) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void updateLimits(String name, Integer cpu, Integer memoryMiB) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void patchConfig(String name, Map<String, String> changes) {
        call("patchConfig");
        Instance i = instance(name);
        changes.forEach((key, value) -> {
            if (value == null) {
                i.config.remove(key);
            } else {
                i.config.put(key, value);
            }
        });
    }

    /** Copies from another fake: set {@link #copySource} to the fake LXD of the source project. */
    public volatile FakeLxd copySource;

    @Override
    public void copyFromProject(String name, String sourceProject) {
        calls.add("copyFromProject " + name + " " + sourceProject);
        FakeLxd source = copySource;
        if (source == null) {
            throw new UnsupportedOperationException("no copy source set");
        }
        if (instances.containsKey(name)) {
            throw new LxdAlreadyExistsException("Instance", name);
        }
        Instance copy = source.instance(name).copy();
        copy.status = InstanceStatus.STOPPED;
        instances.put(name, copy);
    }

    @Override
    public InstanceState state(String name) {
        throw new UnsupportedOperationException();
    }

    private final class Snapshots implements LxdSnapshots {
        @Override
        public List<SnapshotInfo> list(String instance) {
            Instance i = instance(instance);
            synchronized (i.snapshots) {
                return i.snapshots.keySet().stream().map(name -> new SnapshotInfo(name, Instant.EPOCH, false))
                        .toList();
            }
        }

        @Override
        public SnapshotInfo create(String instance, String snapshot, boolean stateful) {
            call("snapshot");
            Instance i = instance(instance);
            synchronized (i.snapshots) {
                if (i.snapshots.containsKey(snapshot)) {
                    throw new LxdAlreadyExistsException("Snapshot", instance + "/" + snapshot);
                }
                i.snapshots.put(snapshot, i.copy());
            }
            return new SnapshotInfo(snapshot, Instant.EPOCH, stateful);
        }

        @Override
        public void restore(String instance, String snapshot) {
            call("restore");
            Instance i = instance(instance);
            Instance saved;
            synchronized (i.snapshots) {
                saved = i.snapshots.get(snapshot);
            }
            if (saved == null) {
                throw new LxdNotFoundException("Snapshot", instance + "/" + snapshot);
            }
            if (i.status != InstanceStatus.STOPPED) {
                throw new LxdRefusedException(true, 400, "restore", "The instance is running");
            }
            i.config = new ConcurrentHashMap<>(saved.config);
            i.forwards = new CopyOnWriteArrayList<>(saved.forwards);
            i.content = saved.content;
        }

        @Override
        public void delete(String instance, String snapshot) {
            call("deleteSnapshot");
            Instance i = instance(instance);
            synchronized (i.snapshots) {
                if (i.snapshots.remove(snapshot) == null) {
                    throw new LxdNotFoundException("Snapshot", instance + "/" + snapshot);
                }
            }
        }
    }

    private final class Forwards implements LxdForwards {
        @Override
        public List<ProxyForward> list(String instance) {
            return List.copyOf(instance(instance).forwards);
        }

        @Override
        public void add(String instance, ProxyForward forward) {
            call("addForward");
            Instance i = instance(instance);
            if (i.forwards.stream().anyMatch(f -> f.hostPort() == forward.hostPort()
                    && f.protocol() == forward.protocol())) {
                throw new LxdAlreadyExistsException("Forward", instance + ":" + forward.hostPort());
            }
            i.forwards.add(forward);
        }

        @Override
        public void remove(String instance, int hostPort) {
            call("removeForward");
            instance(instance).forwards.removeIf(f -> f.hostPort() == hostPort);
        }
    }
}
