package io.axion.lxd.internal;

import io.axion.api.event.EventBus;
import io.axion.api.lxd.LxdBackups;
import io.axion.api.lxd.LxdConnector;
import io.axion.api.lxd.LxdEventListener;
import io.axion.api.lxd.LxdEvents;
import io.axion.api.lxd.LxdExec;
import io.axion.api.lxd.LxdFiles;
import io.axion.api.lxd.LxdForwards;
import io.axion.api.lxd.LxdImages;
import io.axion.api.lxd.LxdInstances;
import io.axion.api.lxd.LxdServer;
import io.axion.api.lxd.LxdSnapshots;
import io.axion.api.lxd.LxdStatus;
import java.util.function.Supplier;

/**
 * The driver's services for one host over one {@link LxdConnection}. Health checks run from the start (every node
 * shows every host's state); the event stream only while someone listens, which is the host's owner.
 */
final class HostConnection implements LxdConnector.Connection {
    private final String host;
    private final LxdConnection lxd;
    private final LxdInstancesService instances;
    private final LxdSnapshotsService snapshots;
    private final LxdBackupsService backups;
    private final LxdFilesService files;
    private final LxdExecService exec;
    private final LxdForwardsService forwards;
    private final LxdImagesService images;
    private final LxdServerService server;
    private final LxdHealthMonitor health;
    private final OnDemandEvents events;
    private final LxdNetworksService networks;

    HostConnection(String host, LxdSettings settings, Supplier<EventBus> bus) {
        this.host = host;
        this.lxd = new LxdConnection(settings);
        this.instances = new LxdInstancesService(lxd);
        this.snapshots = new LxdSnapshotsService(lxd);
        this.backups = new LxdBackupsService(lxd);
        this.files = new LxdFilesService(lxd);
        this.exec = new LxdExecService(lxd);
        this.forwards = new LxdForwardsService(lxd);
        this.images = new LxdImagesService(lxd);
        this.server = new LxdServerService(lxd);
        this.health = new LxdHealthMonitor(lxd);
        this.events = new OnDemandEvents(() -> new LxdEventStream(lxd, host, bus));
        this.networks = new LxdNetworksService(lxd);
    }

    @Override
    public io.axion.api.lxd.LxdNetworks networks() {
        return networks;
    }

    @Override
    public String host() {
        return host;
    }

    @Override
    public LxdInstances instances() {
        return instances;
    }

    @Override
    public LxdSnapshots snapshots() {
        return snapshots;
    }

    @Override
    public LxdBackups backups() {
        return backups;
    }

    @Override
    public LxdFiles files() {
        return files;
    }

    @Override
    public LxdExec exec() {
        return exec;
    }

    @Override
    public LxdForwards forwards() {
        return forwards;
    }

    @Override
    public LxdImages images() {
        return images;
    }

    @Override
    public LxdServer server() {
        return server;
    }

    @Override
    public LxdEvents events() {
        return events;
    }

    @Override
    public LxdStatus status() {
        return health;
    }

    @Override
    public void close() {
        events.close();
        health.close();
        exec.close();
        files.close();
        lxd.close();
    }

    /** Opens the event stream with the first subscription and closes it with the last. */
    static final class OnDemandEvents implements LxdEvents {
        private final Supplier<LxdEventStream> opener;
        private LxdEventStream stream;
        private int subscribers;
        private boolean closed;

        OnDemandEvents(Supplier<LxdEventStream> opener) {
            this.opener = opener;
        }

        @Override
        public synchronized Subscription subscribe(LxdEventListener listener) {
            if (closed) {
                throw new IllegalStateException("the host's connection is closed");
            }
            if (stream == null) {
                stream = opener.get();
            }
            subscribers++;
            Subscription inner = stream.subscribe(listener);
            return new Subscription() {
                private boolean done;

                @Override
                public void close() {
                    synchronized (OnDemandEvents.this) {
                        if (done) {
                            return;
                        }
                        done = true;
                        inner.close();
                        if (--subscribers == 0 && stream != null) {
                            stream.close();
                            stream = null;
                        }
                    }
                }
            };
        }

        @Override
        public synchronized boolean connected() {
            return stream != null && stream.connected();
        }

        synchronized void close() {
            closed = true;
            if (stream != null) {
                stream.close();
                stream = null;
            }
        }
    }
}
