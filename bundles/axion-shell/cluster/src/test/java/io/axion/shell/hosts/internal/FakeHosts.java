package io.axion.shell.hosts.internal;

import io.axion.api.error.ConflictException;
import io.axion.api.error.NotFoundException;
import io.axion.api.error.ValidationException;
import io.axion.api.host.Host;
import io.axion.api.host.HostAdminService;
import io.axion.api.host.HostCapacity;
import io.axion.api.host.HostEndpoint;
import io.axion.api.host.HostService;
import io.axion.api.host.HostSpec;
import io.axion.api.host.HostState;
import io.axion.api.lxd.LxdHost;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** Hosts in memory, added and removed with the refusals of the hosts bundle that the commands show. */
class FakeHosts implements HostService, HostAdminService {
    static final Instant T = Instant.parse("2026-11-27T10:00:00Z");

    final Map<String, Host> hosts = new TreeMap<>();
    /** How many instances live on a host, for the refusal to remove it. */
    final Map<String, Integer> instances = new TreeMap<>();
    HostSpec lastSpec;

    FakeHosts with(String name, String owner, HostCapacity capacity, HostCapacity allocated) {
        hosts.put(name, new Host(name, HostEndpoint.localSocket("/run/" + name + ".socket", "axion"), owner, owner,
                owner == null ? HostState.UNOWNED : HostState.ONLINE, T, capacity, allocated));
        instances.put(name, allocated.instances());
        return this;
    }

    @Override
    public List<Host> list() {
        return List.copyOf(hosts.values());
    }

    @Override
    public Optional<Host> find(String name) {
        return Optional.ofNullable(hosts.get(name));
    }

    @Override
    public LxdHost lxd(String host) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Set<String> localHosts() {
        return Set.of();
    }

    @Override
    public String localNode() {
        return "node-a";
    }

    @Override
    public Host add(HostSpec spec) {
        lastSpec = spec;
        if (spec.project() == null) {
            throw new ValidationException("project", "is required");
        }
        HostEndpoint endpoint = spec.endpoint();
        if (endpoint == null) {
            throw new ValidationException("url", "a url (https://host:8443) or a socket is required");
        }
        if (hosts.containsKey(spec.name())) {
            throw new ConflictException("host-exists", "Host '" + spec.name() + "' already exists");
        }
        Host host = new Host(spec.name(), endpoint, null, null, HostState.UNOWNED, T, null, null);
        hosts.put(host.name(), host);
        return host;
    }

    @Override
    public void remove(String name) {
        if (!hosts.containsKey(name)) {
            throw new NotFoundException("Host", name);
        }
        int using = instances.getOrDefault(name, 0);
        if (using > 0) {
            throw new ConflictException("host-in-use", "Host '" + name + "' still has " + using + " instance(s)");
        }
        hosts.remove(name);
    }
}
