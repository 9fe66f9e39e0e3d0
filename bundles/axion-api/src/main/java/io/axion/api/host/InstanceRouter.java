package io.axion.api.host;

import io.axion.api.lxd.ExecRequest;
import io.axion.api.lxd.ExecResult;
import io.axion.api.lxd.FileAttributes;
import io.axion.api.lxd.FileDownload;
import io.axion.api.lxd.FileEntry;
import io.axion.api.lxd.InstanceCreation;
import io.axion.api.lxd.InstanceInfo;
import io.axion.api.lxd.InstanceSpec;
import io.axion.api.lxd.InstanceState;
import io.axion.api.lxd.LxdInstances;
import io.axion.api.lxd.LxdExec;
import io.axion.api.lxd.LxdFiles;
import io.axion.api.lxd.LxdForwards;
import io.axion.api.lxd.LxdHost;
import io.axion.api.lxd.LxdNotFoundException;
import io.axion.api.lxd.LxdSnapshots;
import io.axion.api.lxd.ProxyForward;
import io.axion.api.lxd.SnapshotInfo;
import io.axion.api.lxd.TerminalListener;
import io.axion.api.lxd.TerminalSession;
import io.axion.api.lxd.TerminalSize;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The LXD calls about one instance, sent to the host the instance lives on: lets code written against one LXD
 * ({@code snapshots.list(instance)}) serve every host. An instance no host is known to have is LXD's "not found".
 */
public final class InstanceRouter {
    private final HostService hosts;
    private final Function<String, Optional<String>> hostOf;

    /**
     * @param hostOf the host of an instance by name (the instance view's), empty when it is unknown
     */
    public InstanceRouter(HostService hosts, Function<String, Optional<String>> hostOf) {
        this.hosts = hosts;
        this.hostOf = hostOf;
    }

    /** The LXD of the instance's host. */
    public LxdHost lxdOf(String instance) {
        String host = hostOf.apply(instance).orElseThrow(() -> new LxdNotFoundException("Instance", instance));
        return hosts.lxd(host);
    }

    /**
     * An instance's lifecycle on its host. {@code list()} is every host's instances; {@code create} needs a host
     * and is refused here (creates go through the instance service, which places them).
     */
    public LxdInstances instances() {
        return new LxdInstances() {
            @Override
            public List<InstanceInfo> list() {
                List<InstanceInfo> all = new java.util.ArrayList<>();
                for (Host host : hosts.list()) {
                    all.addAll(hosts.lxd(host.name()).instances().list());
                }
                return all;
            }

            @Override
            public InstanceInfo get(String name) {
                return lxdOf(name).instances().get(name);
            }

            @Override
            public Optional<InstanceInfo> find(String name) {
                Optional<String> host = hostOf.apply(name);
                return host.isEmpty() ? Optional.empty() : hosts.lxd(host.get()).instances().find(name);
            }

            @Override
            public InstanceCreation create(InstanceSpec spec) {
                throw new UnsupportedOperationException("a create names its host: use the host's LXD");
            }

            @Override
            public void start(String name) {
                lxdOf(name).instances().start(name);
            }

            @Override
            public void stop(String name, boolean force, Duration gracefulTimeout) {
                lxdOf(name).instances().stop(name, force, gracefulTimeout);
            }

            @Override
            public void restart(String name, boolean force) {
                lxdOf(name).instances().restart(name, force);
            }

            @Override
            public void freeze(String name) {
                lxdOf(name).instances().freeze(name);
            }

            @Override
            public void unfreeze(String name) {
                lxdOf(name).instances().unfreeze(name);
            }

            @Override
            public void delete(String name) {
                lxdOf(name).instances().delete(name);
            }

            @Override
            public void updateLimits(String name, Integer cpu, Integer memoryMiB) {
                lxdOf(name).instances().updateLimits(name, cpu, memoryMiB);
            }

            @Override
            public void patchConfig(String name, java.util.Map<String, String> changes) {
                lxdOf(name).instances().patchConfig(name, changes);
            }

            @Override
            public void copyFromProject(String name, String sourceProject) {
                throw new UnsupportedOperationException("a copy names its host: use the host's LXD");
            }

            @Override
            public InstanceState state(String name) {
                return lxdOf(name).instances().state(name);
            }
        };
    }

    public LxdSnapshots snapshots() {
        return new LxdSnapshots() {
            @Override
            public List<SnapshotInfo> list(String instance) {
                return lxdOf(instance).snapshots().list(instance);
            }

            @Override
            public SnapshotInfo create(String instance, String snapshot, boolean stateful) {
                return lxdOf(instance).snapshots().create(instance, snapshot, stateful);
            }

            @Override
            public void restore(String instance, String snapshot) {
                lxdOf(instance).snapshots().restore(instance, snapshot);
            }

            @Override
            public void delete(String instance, String snapshot) {
                lxdOf(instance).snapshots().delete(instance, snapshot);
            }
        };
    }

    public LxdForwards forwards() {
        return new LxdForwards() {
            @Override
            public List<ProxyForward> list(String instance) {
                return lxdOf(instance).forwards().list(instance);
            }

            @Override
            public void add(String instance, ProxyForward forward) {
                lxdOf(instance).forwards().add(instance, forward);
            }

            @Override
            public void remove(String instance, int hostPort) {
                lxdOf(instance).forwards().remove(instance, hostPort);
            }
        };
    }

    public LxdFiles files() {
        return new LxdFiles() {
            @Override
            public FileEntry stat(String instance, String path) {
                return lxdOf(instance).files().stat(instance, path);
            }

            @Override
            public List<FileEntry> list(String instance, String directory) {
                return lxdOf(instance).files().list(instance, directory);
            }

            @Override
            public FileDownload read(String instance, String path) {
                return lxdOf(instance).files().read(instance, path);
            }

            @Override
            public void write(String instance, String path, InputStream content, FileAttributes attributes) {
                lxdOf(instance).files().write(instance, path, content, attributes);
            }

            @Override
            public void write(String instance, String path, Path source, FileAttributes attributes) {
                lxdOf(instance).files().write(instance, path, source, attributes);
            }

            @Override
            public void mkdir(String instance, String path, FileAttributes attributes) {
                lxdOf(instance).files().mkdir(instance, path, attributes);
            }

            @Override
            public void delete(String instance, String path) {
                lxdOf(instance).files().delete(instance, path);
            }
        };
    }

    public LxdExec exec() {
        return new LxdExec() {
            @Override
            public ExecResult run(String instance, ExecRequest request, Duration timeout) {
                return lxdOf(instance).exec().run(instance, request, timeout);
            }

            @Override
            public TerminalSession openTerminal(String instance, ExecRequest request, TerminalSize size,
                                                TerminalListener listener) {
                return lxdOf(instance).exec().openTerminal(instance, request, size, listener);
            }
        };
    }
}
