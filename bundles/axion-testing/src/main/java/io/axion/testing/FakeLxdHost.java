package io.axion.testing;

import io.axion.api.lxd.LxdConnector;
import io.axion.api.lxd.LxdEvent;
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
import io.axion.api.lxd.ServerResources;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One host's LXD in memory: the instances, snapshots and forwards of a {@link FakeLxd}, an event stream a test
 * drives ({@link #emit}, {@link #resync}), a reachable flag and fixed resources. Files, exec and images are
 * whatever the test sets (unsupported by default).
 */
public class FakeLxdHost implements LxdConnector.Connection {
    private final String host;
    public final FakeLxd lxd;
    public volatile boolean reachable = true;
    public volatile ServerResources resources = new ServerResources(2, 2, 4L << 30);
    public volatile LxdFiles files;
    public volatile LxdExec exec;
    public volatile LxdImages images = List::of;
    public volatile boolean closed;
    private final List<LxdEventListener> listeners = new CopyOnWriteArrayList<>();

    public FakeLxdHost(String host) {
        this(host, new FakeLxd());
    }

    public FakeLxdHost(String host, FakeLxd lxd) {
        this.host = host;
        this.lxd = lxd;
    }

    /** Delivers an event to the subscribers, as the owner's event stream would. */
    public void emit(LxdEvent event) {
        listeners.forEach(l -> l.onEvent(event));
    }

    /** Tells the subscribers that events may have been missed. */
    public void resync() {
        listeners.forEach(LxdEventListener::onResync);
    }

    public int subscribers() {
        return listeners.size();
    }

    @Override
    public String host() {
        return host;
    }

    @Override
    public LxdInstances instances() {
        return lxd;
    }

    @Override
    public LxdSnapshots snapshots() {
        return lxd.snapshots;
    }

    @Override
    public LxdFiles files() {
        return required(files, "files");
    }

    @Override
    public LxdExec exec() {
        return required(exec, "exec");
    }

    @Override
    public LxdForwards forwards() {
        return lxd.forwards;
    }

    @Override
    public LxdImages images() {
        return images;
    }

    @Override
    public LxdServer server() {
        return new LxdServer() {
            @Override
            public ServerResources resources() {
                return resources;
            }

            @Override
            public String project() {
                return "fake-" + host;
            }
        };
    }

    @Override
    public LxdEvents events() {
        return new LxdEvents() {
            @Override
            public Subscription subscribe(LxdEventListener listener) {
                listeners.add(listener);
                return () -> listeners.remove(listener);
            }

            @Override
            public boolean connected() {
                return reachable;
            }
        };
    }

    @Override
    public LxdStatus status() {
        return new LxdStatus() {
            @Override
            public boolean reachable() {
                return reachable;
            }

            @Override
            public Optional<String> serverVersion() {
                return reachable ? Optional.of("5.0.2-fake") : Optional.empty();
            }
        };
    }

    @Override
    public void close() {
        closed = true;
    }

    private static <T> T required(T part, String what) {
        if (part == null) {
            throw new UnsupportedOperationException("this fake host has no " + what);
        }
        return part;
    }
}
