package io.axion.hosts.internal;

import io.axion.api.host.HostAgent;
import io.axion.api.lxd.LxdHost;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agents running for the hosts this node owns: every registered {@link HostAgent} once per owned host. Not
 * thread-safe: the host service calls it from its one thread only, so agents start and stop in a clear order.
 */
final class HostAgents {
    private static final Logger LOG = LoggerFactory.getLogger(HostAgents.class);

    private final Map<HostAgent, Map<String, AutoCloseable>> running = new IdentityHashMap<>();
    private final Map<String, LxdHost> owned = new LinkedHashMap<>();

    Set<String> owned() {
        return Set.copyOf(owned.keySet());
    }

    boolean owns(String host) {
        return owned.containsKey(host);
    }

    void agentAdded(HostAgent agent) {
        Map<String, AutoCloseable> handles = new LinkedHashMap<>();
        running.put(agent, handles);
        owned.forEach((host, lxd) -> start(agent, handles, host, lxd));
    }

    void agentRemoved(HostAgent agent) {
        Map<String, AutoCloseable> handles = running.remove(agent);
        if (handles != null) {
            handles.forEach((host, handle) -> stop(agent, host, handle));
        }
    }

    void acquired(String host, LxdHost lxd) {
        if (owned.putIfAbsent(host, lxd) != null) {
            return;
        }
        LOG.info("This node now owns host {}", host);
        running.forEach((agent, handles) -> start(agent, handles, host, lxd));
    }

    void released(String host) {
        if (owned.remove(host) == null) {
            return;
        }
        // Stopped in the reverse order of their start: later agents may rely on earlier ones.
        List<Map.Entry<HostAgent, Map<String, AutoCloseable>>> agents = new ArrayList<>(running.entrySet());
        for (int i = agents.size() - 1; i >= 0; i--) {
            AutoCloseable handle = agents.get(i).getValue().remove(host);
            if (handle != null) {
                stop(agents.get(i).getKey(), host, handle);
            }
        }
        LOG.info("This node no longer owns host {}", host);
    }

    void releaseAll() {
        for (String host : List.copyOf(owned.keySet())) {
            released(host);
        }
    }

    private static void start(HostAgent agent, Map<String, AutoCloseable> handles, String host, LxdHost lxd) {
        try {
            AutoCloseable handle = agent.hostAcquired(host, lxd);
            if (handle != null) {
                handles.put(host, handle);
            }
        } catch (RuntimeException e) {
            LOG.error("Host agent {} failed to start for host {}", agent, host, e);
        }
    }

    private static void stop(HostAgent agent, String host, AutoCloseable handle) {
        try {
            handle.close();
        } catch (Exception e) {
            LOG.warn("Host agent {} failed to stop for host {}", agent, host, e);
        }
    }
}
