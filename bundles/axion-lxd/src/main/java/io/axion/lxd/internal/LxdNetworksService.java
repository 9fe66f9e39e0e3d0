package io.axion.lxd.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.axion.api.lxd.InstanceNic;
import io.axion.api.lxd.LxdNetworks;
import io.axion.api.lxd.LxdNotFoundException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The managed bridge's settings and an instance's NIC on it, read from LXD's instance state. */
final class LxdNetworksService implements LxdNetworks {
    private final LxdConnection lxd;
    private final BridgeSettings settings;

    LxdNetworksService(LxdConnection lxd) {
        this.lxd = lxd;
        this.settings = lxd.settings().bridge();
    }

    @Override
    public Optional<String> bridge() {
        return Optional.ofNullable(settings.name());
    }

    @Override
    public Optional<String> bridgeAddress() {
        return Optional.ofNullable(settings.ipv4Address());
    }

    @Override
    public Optional<InstanceNic> nic(String instance) {
        JsonNode state;
        try {
            state = lxd.get("/1.0/instances/" + instance + "/state", Subject.instance(instance),
                    "read the state of instance " + instance).metadata();
        } catch (LxdNotFoundException gone) {
            return Optional.empty();
        }
        return nic(state, ManagedBridge.DEVICE);
    }

    /** The device's entry of a state's {@code network}; empty while stopped (LXD reports no network then). */
    static Optional<InstanceNic> nic(JsonNode state, String device) {
        JsonNode network = state.path("network").path(device);
        String hostInterface = network.path("host_name").asText("");
        if (network.isMissingNode() || hostInterface.isEmpty()) {
            return Optional.empty();
        }
        List<String> addresses = new ArrayList<>();
        for (JsonNode address : network.path("addresses")) {
            String family = address.path("family").asText();
            String scope = address.path("scope").asText();
            if (("inet".equals(family) || "inet6".equals(family)) && "global".equals(scope)) {
                addresses.add(address.path("address").asText() + "/" + address.path("netmask").asText());
            }
        }
        return Optional.of(new InstanceNic(device, hostInterface, network.path("hwaddr").asText(null), addresses));
    }
}
