package io.axion.lxd.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.axion.api.lxd.LxdAlreadyExistsException;
import io.axion.api.lxd.LxdForwards;
import io.axion.api.lxd.ProxyForward;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Port forwards as LXD proxy devices named {@code axion-<protocol>-<hostPort>}. The host side binds on the
 * host; the container side connects to its loopback, which works without a network device.
 */
public final class LxdForwardsService implements LxdForwards {
    private final LxdConnection lxd;
    private final InstanceUpdater updater;
    public LxdForwardsService(LxdConnection lxd) {
        this.lxd = lxd;
        this.updater = new InstanceUpdater(lxd);
    }

    @Override
    public List<ProxyForward> list(String instance) {
        return LxdJson.forwards(lxd.get("/1.0/instances/" + instance, Subject.instance(instance),
                "read instance " + instance).metadata().path("expanded_devices"));
    }

    @Override
    public void add(String instance, ProxyForward forward) {
        updater.update(instance, "forward port " + forward.hostPort() + " to " + instance, definition -> {
            ObjectNode devices = (ObjectNode) definition.get("devices");
            for (ProxyForward existing : LxdJson.forwards(devices)) {
                if (existing.hostPort() == forward.hostPort() && existing.protocol() == forward.protocol()) {
                    throw new LxdAlreadyExistsException("Forward", instance + ":" + forward.hostPort() + "/"
                            + forward.protocol().label());
                }
            }
            devices.set(deviceName(forward), device(forward));
        });
    }

    @Override
    public void remove(String instance, int hostPort) {
        if (list(instance).stream().noneMatch(f -> f.hostPort() == hostPort)) {
            return;
        }
        updater.update(instance, "remove the forward of port " + hostPort + " from " + instance, definition -> {
            ObjectNode devices = (ObjectNode) definition.get("devices");
            List<String> doomed = new ArrayList<>();
            devices.fields().forEachRemaining(e -> LxdJson.proxyForward(e.getValue())
                    .filter(f -> f.hostPort() == hostPort)
                    .ifPresent(f -> doomed.add(e.getKey())));
            devices.remove(doomed);
        });
    }

    static String deviceName(ProxyForward forward) {
        return "axion-" + forward.protocol().label() + "-" + forward.hostPort();
    }

    static ObjectNode device(ProxyForward forward) {
        String protocol = forward.protocol().label();
        ObjectNode device = LxdConnection.JSON.createObjectNode();
        Map.of("type", "proxy",
                "listen", LxdJson.Endpoint.format(protocol, forward.hostAddress(), forward.hostPort()),
                "connect", LxdJson.Endpoint.format(protocol, "127.0.0.1", forward.containerPort()),
                "bind", "host").forEach(device::put);
        return device;
    }
}
