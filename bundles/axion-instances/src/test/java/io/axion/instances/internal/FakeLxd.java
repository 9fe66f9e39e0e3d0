package io.axion.instances.internal;

import io.axion.api.lxd.InstanceCreation;
import io.axion.api.lxd.InstanceInfo;
import io.axion.api.lxd.InstanceSpec;
import io.axion.api.lxd.InstanceState;
import io.axion.api.lxd.InstanceStatus;
import io.axion.api.lxd.LxdAlreadyExistsException;
import io.axion.api.lxd.LxdInstances;
import io.axion.api.lxd.LxdNotFoundException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** LXD's instances in memory, counting calls; a stand-in for unit tests only (the itests use the real LXD). */
final class FakeLxd implements LxdInstances {
    final Map<String, InstanceInfo> instances = new ConcurrentHashMap<>();
    final List<String> calls = new CopyOnWriteArrayList<>();
    final AtomicInteger lists = new AtomicInteger();
    /** The threads that listed or looked up instances: the view's background refreshes, never a reader. */
    final java.util.Set<Thread> callers = java.util.concurrent.ConcurrentHashMap.newKeySet();
    final AtomicInteger finds = new AtomicInteger();
    /** When set, listing fails like an unreachable LXD. */
    volatile RuntimeException listFailure;

    static InstanceInfo info(String name, InstanceStatus status, Integer cpu, Long memoryMiB) {
        return new InstanceInfo(name, status, "axion/busybox", cpu, memoryMiB, null, Instant.now(), "none", List.of(),
                Map.of());
    }

    void add(String name, InstanceStatus status, Integer cpu, Long memoryMiB) {
        instances.put(name, info(name, status, cpu, memoryMiB));
    }

    /** An instance whose root disk device has a size. */
    void add(String name, InstanceStatus status, Integer cpu, Long memoryMiB, Long diskGiB) {
        instances.put(name, new InstanceInfo(name, status, "axion/busybox", cpu, memoryMiB, diskGiB, Instant.now(),
                "none", List.of(), Map.of()));
    }

    @Override
    public List<InstanceInfo> list() {
        lists.incrementAndGet();
        callers.add(Thread.currentThread());
        RuntimeException failure = listFailure;
        if (failure != null) {
            throw failure;
        }
        return new ArrayList<>(instances.values());
    }

    @Override
    public InstanceInfo get(String name) {
        return find(name).orElseThrow(() -> new LxdNotFoundException("Instance", name));
    }

    @Override
    public Optional<InstanceInfo> find(String name) {
        finds.incrementAndGet();
        callers.add(Thread.currentThread());
        return Optional.ofNullable(instances.get(name));
    }

    @Override
    public InstanceCreation create(InstanceSpec spec) {
        calls.add("create " + spec.name());
        Map<String, String> config = new HashMap<>(spec.userConfig());
        if (spec.cloudInit() != null) {
            config.put("cloud-init.user-data", spec.cloudInit());
        }
        InstanceInfo made = new InstanceInfo(spec.name(), InstanceStatus.STOPPED, spec.image(), spec.cpu(),
                spec.memoryMiB() == null ? null : (long) spec.memoryMiB(), null, Instant.now(), "none", List.of(),
                Map.copyOf(config));
        if (instances.putIfAbsent(spec.name(), made) != null) {
            throw new LxdAlreadyExistsException("Instance", spec.name());
        }
        if (spec.start()) {
            start(spec.name());
            made = instances.get(spec.name());
        }
        return new InstanceCreation(made, spec.image(), spec.image(), List.of());
    }

    @Override
    public void start(String name) {
        calls.add("start " + name);
        setStatus(name, InstanceStatus.RUNNING);
    }

    @Override
    public void stop(String name, boolean force, Duration gracefulTimeout) {
        calls.add((force ? "force-stop " : "stop ") + name);
        setStatus(name, InstanceStatus.STOPPED);
    }

    @Override
    public void restart(String name, boolean force) {
        calls.add("restart " + name);
        setStatus(name, InstanceStatus.RUNNING);
    }

    @Override
    public void freeze(String name) {
        setStatus(name, InstanceStatus.FROZEN);
    }

    @Override
    public void unfreeze(String name) {
        setStatus(name, InstanceStatus.RUNNING);
    }

    @Override
    public void delete(String name) {
        calls.add("delete " + name);
        instances.remove(name);
    }

    @Override
    public void updateLimits(String name, Integer cpu, Integer memoryMiB) {
        calls.add("limits " + name + " " + cpu + " " + memoryMiB);
        InstanceInfo i = get(name);
        instances.put(name, new InstanceInfo(name, i.status(), i.image(), cpu != null ? cpu : i.cpu(),
                memoryMiB != null ? (long) memoryMiB : i.memoryMiB(), i.diskGiB(), i.createdAt(), i.location(),
                i.forwards(), i.config()));
    }

    @Override
    public void patchConfig(String name, Map<String, String> changes) {
        calls.add("patch " + name);
        InstanceInfo i = get(name);
        Map<String, String> config = new HashMap<>(i.config());
        config.putAll(changes);
        instances.put(name, new InstanceInfo(name, i.status(), i.image(), i.cpu(), i.memoryMiB(), i.diskGiB(),
                i.createdAt(), i.location(), i.forwards(), config));
    }

    @Override
    public InstanceState state(String name) {
        throw new AssertionError("The instances bundle must never read per-instance state");
    }

    private void setStatus(String name, InstanceStatus status) {
        InstanceInfo i = get(name);
        instances.put(name, new InstanceInfo(name, status, i.image(), i.cpu(), i.memoryMiB(), i.diskGiB(),
                i.createdAt(), i.location(), i.forwards(), i.config()));
    }

    @Override
    public void copyFromProject(String name, String sourceProject) {
        throw new UnsupportedOperationException();
    }
}
