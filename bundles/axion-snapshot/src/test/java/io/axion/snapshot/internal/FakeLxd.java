package io.axion.snapshot.internal;

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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An in-memory LXD for the snapshot handlers: instances with a status, config, forwards and some "content" (the
 * stand-in for their files); snapshots copy all three, and a restore brings all three back, like LXD's.
 */
final class FakeLxd implements LxdInstances, LxdSnapshots {

    static final class Instance {
        InstanceStatus status = InstanceStatus.STOPPED;
        Map<String, String> config = new HashMap<>();
        List<ProxyForward> forwards = new ArrayList<>();
        String content = "";
        final Map<String, Instance> snapshots = new LinkedHashMap<>();

        Instance copy() {
            Instance copy = new Instance();
            copy.status = status;
            copy.config = new HashMap<>(config);
            copy.forwards = new ArrayList<>(forwards);
            copy.content = content;
            return copy;
        }
    }

    final Map<String, Instance> instances = new LinkedHashMap<>();
    final List<String> calls = new ArrayList<>();
    /** Calls (e.g. {@code start}) that fail once, as a crash at that point would. */
    final Set<String> failOnce = new HashSet<>();

    Instance add(String name, InstanceStatus status) {
        Instance instance = new Instance();
        instance.status = status;
        instances.put(name, instance);
        return instance;
    }

    Instance instance(String name) {
        Instance instance = instances.get(name);
        if (instance == null) {
            throw new LxdNotFoundException("Instance", name);
        }
        return instance;
    }

    private void call(String what) {
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

    @Override
    public InstanceState state(String name) {
        throw new UnsupportedOperationException();
    }

    // --- LxdSnapshots ---

    @Override
    public List<SnapshotInfo> list(String instance) {
        return instance(instance).snapshots.keySet().stream()
                .map(name -> new SnapshotInfo(name, Instant.EPOCH, false)).toList();
    }

    @Override
    public SnapshotInfo create(String instance, String snapshot, boolean stateful) {
        call("snapshot");
        Instance i = instance(instance);
        if (i.snapshots.containsKey(snapshot)) {
            throw new LxdAlreadyExistsException("Snapshot", instance + "/" + snapshot);
        }
        i.snapshots.put(snapshot, i.copy());
        return new SnapshotInfo(snapshot, Instant.EPOCH, stateful);
    }

    @Override
    public void restore(String instance, String snapshot) {
        call("restore");
        Instance i = instance(instance);
        Instance saved = i.snapshots.get(snapshot);
        if (saved == null) {
            throw new LxdNotFoundException("Snapshot", instance + "/" + snapshot);
        }
        if (i.status != InstanceStatus.STOPPED) {
            throw new LxdRefusedException(true, 400, "restore", "The instance is running");
        }
        i.config = new HashMap<>(saved.config);
        i.forwards = new ArrayList<>(saved.forwards);
        i.content = saved.content;
    }

    @Override
    public void delete(String instance, String snapshot) {
        call("deleteSnapshot");
        if (instance(instance).snapshots.remove(snapshot) == null) {
            throw new LxdNotFoundException("Snapshot", instance + "/" + snapshot);
        }
    }

    /** The forwards of the same instances (a separate object: both interfaces have a {@code list(String)}). */
    final LxdForwards forwards = new LxdForwards() {
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
    };
}
