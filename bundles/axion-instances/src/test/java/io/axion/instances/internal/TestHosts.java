package io.axion.instances.internal;

import io.axion.api.error.NotFoundException;
import io.axion.api.host.Host;
import io.axion.api.host.HostCapacity;
import io.axion.api.host.HostEndpoint;
import io.axion.api.host.HostService;
import io.axion.api.host.HostState;
import io.axion.api.lxd.LxdEvents;
import io.axion.api.lxd.LxdExec;
import io.axion.api.lxd.LxdFiles;
import io.axion.api.lxd.LxdForwards;
import io.axion.api.lxd.LxdHost;
import io.axion.api.lxd.LxdImages;
import io.axion.api.lxd.LxdInstances;
import io.axion.api.lxd.LxdServer;
import io.axion.api.lxd.LxdSnapshots;
import io.axion.api.lxd.LxdStatus;
import io.axion.api.lxd.ServerResources;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;

/** Hosts over this bundle's fakes, all owned by one node. */
final class TestHosts implements HostService {
    private final String node;
    private final Map<String, LxdHost> hosts = new ConcurrentSkipListMap<>();

    TestHosts(String node) {
        this.node = node;
    }

    TestHosts add(String name, LxdInstances instances, LxdEvents events, LxdSnapshots snapshots) {
        hosts.put(name, new LxdHost() {
            @Override
            public String host() {
                return name;
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
            public LxdFiles files() {
                throw new UnsupportedOperationException();
            }

            @Override
            public LxdExec exec() {
                throw new UnsupportedOperationException();
            }

            @Override
            public LxdForwards forwards() {
                throw new UnsupportedOperationException();
            }

            @Override
            public LxdImages images() {
                return List::of;
            }

            @Override
            public LxdServer server() {
                return new LxdServer() {
                    @Override
                    public ServerResources resources() {
                        return new ServerResources(64, 64, 1L << 40);
                    }

                    @Override
                    public String project() {
                        return "p";
                    }
                };
            }

            @Override
            public LxdEvents events() {
                return events;
            }

            @Override
            public LxdStatus status() {
                return new LxdStatus() {
                    @Override
                    public boolean reachable() {
                        return true;
                    }

                    @Override
                    public Optional<String> serverVersion() {
                        return Optional.of("5.0.2");
                    }
                };
            }
        });
        return this;
    }

    @Override
    public List<Host> list() {
        return hosts.keySet().stream().map(this::host).toList();
    }

    @Override
    public Optional<Host> find(String name) {
        return hosts.containsKey(name) ? Optional.of(host(name)) : Optional.empty();
    }

    @Override
    public LxdHost lxd(String host) {
        LxdHost found = hosts.get(host);
        if (found == null) {
            throw new NotFoundException("Host", host);
        }
        return found;
    }

    @Override
    public Set<String> localHosts() {
        return Set.copyOf(hosts.keySet());
    }

    @Override
    public String localNode() {
        return node;
    }

    private Host host(String name) {
        return new Host(name, HostEndpoint.localSocket("/fake", name), node, node, HostState.ONLINE, Instant.EPOCH,
                new HostCapacity(64, 1 << 20, 0), HostCapacity.NONE);
    }
}
