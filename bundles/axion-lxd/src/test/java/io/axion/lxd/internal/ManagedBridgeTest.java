package io.axion.lxd.internal;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.axion.api.lxd.InstanceNic;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ManagedBridgeTest {

    @Test
    void blankOrNoneTurnsTheBridgeOffAndThenNoNicIsAdded() {
        assertThat(BridgeSettings.of("", "10.1.0.1/24").enabled()).isFalse();
        assertThat(BridgeSettings.of(" none ", null).enabled()).isFalse();
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.putObject("devices");
        ManagedBridge.addNic(body, BridgeSettings.NONE);
        assertThat(body.path("devices").size()).isZero();
    }

    @Test
    void theNicIsEth0OnTheBridge() {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.putObject("devices").putObject("root").put("type", "disk");
        ManagedBridge.addNic(body, BridgeSettings.of("axionbr0", null));
        assertThat(body.path("devices").path("eth0").toString())
                .isEqualTo("{\"type\":\"nic\",\"network\":\"axionbr0\",\"name\":\"eth0\"}");
        assertThat(body.path("devices").has("root")).isTrue();
    }

    @Test
    void theBridgeHasNoUplink() {
        ObjectNode definition = ManagedBridge.definition(BridgeSettings.of("axionbr0", "10.9.0.1/24"));
        assertThat(definition.path("config").path("ipv4.address").asText()).isEqualTo("10.9.0.1/24");
        assertThat(definition.path("config").path("ipv4.nat").asText()).isEqualTo("false");
        assertThat(definition.path("config").path("ipv6.address").asText()).isEqualTo("none");
        assertThat(definition.path("config").path("dns.mode").asText()).isEqualTo("none");
        assertThat(definition.path("config").has("bridge.external_interfaces")).isFalse();
    }

    @Test
    void theNicComesFromTheStateWithItsGlobalAddressesOnly() throws Exception {
        var state = LxdJsonTest.json("""
                {'status':'Running','network':{'eth0':{'host_name':'vethadc33064','hwaddr':'00:16:3e:02:81:c7',
                 'addresses':[{'family':'inet','address':'10.47.99.228','netmask':'24','scope':'global'},
                              {'family':'inet6','address':'fe80::1','netmask':'64','scope':'link'}]},
                 'lo':{'host_name':'','addresses':[]}}}""");
        assertThat(LxdNetworksService.nic(state, "eth0")).contains(
                new InstanceNic("eth0", "vethadc33064", "00:16:3e:02:81:c7", java.util.List.of("10.47.99.228/24")));
        assertThat(LxdNetworksService.nic(LxdJsonTest.json("{'status':'Stopped','network':null}"), "eth0")).isEmpty();
    }
}
