package io.axion.testing;

import io.axion.api.error.NotFoundException;
import io.axion.api.host.Host;
import io.axion.api.host.HostCapacity;
import io.axion.api.host.HostEndpoint;
import io.axion.api.host.HostService;
import io.axion.api.host.HostState;
import io.axion.api.lxd.LxdHost;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArraySet;

/**
 * The cluster's hosts in memory for unit tests of what runs on them: each a {@link FakeLxdHost}, all owned by this
 * node unless a test says otherwise ({@link #own}, {@link #disown}).
 */
public class FakeHosts implements HostService {
    private final String node;
    public final Map<String, FakeLxdHost> hosts = new ConcurrentSkipListMap<>();
    private final Set<String> local = new CopyOnWriteArraySet<>();

    public FakeHosts(String node, String... names) {
        this.node = node;
        for (String name : names) {
            add(name);
        }
    }

    public FakeLxdHost add(String name) {
        FakeLxdHost host = new FakeLxdHost(name);
        hosts.put(name, host);
        local.add(name);
        return host;
    }

    public FakeLxdHost host(String name) {
        return hosts.get(name);
    }

    public void own(String name) {
        local.add(name);
    }

    public void disown(String name) {
        local.remove(name);
    }

    @Override
    public List<Host> list() {
        return hosts.keySet().stream().map(this::host0).toList();
    }

    @Override
    public Optional<Host> find(String name) {
        return hosts.containsKey(name) ? Optional.of(host0(name)) : Optional.empty();
    }

    @Override
    public LxdHost lxd(String host) {
        FakeLxdHost found = hosts.get(host);
        if (found == null) {
            throw new NotFoundException("Host", host);
        }
        return found;
    }

    @Override
    public Set<String> localHosts() {
        return Set.copyOf(local);
    }

    @Override
    public String localNode() {
        return node;
    }

    private Host host0(String name) {
        FakeLxdHost fake = hosts.get(name);
        boolean mine = local.contains(name);
        return new Host(name, HostEndpoint.localSocket("/fake/" + name, "fake-" + name), node, mine ? node : null,
                mine ? (fake.reachable ? HostState.ONLINE : HostState.OFFLINE) : HostState.UNOWNED, Instant.EPOCH,
                new HostCapacity(fake.resources.cpuThreads(), fake.resources.memoryBytes() >> 20, 0),
                HostCapacity.NONE);
    }
}
