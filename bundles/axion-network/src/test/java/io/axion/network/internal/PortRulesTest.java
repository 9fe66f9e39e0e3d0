package io.axion.network.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.axion.api.error.ValidationException;
import io.axion.api.lxd.ForwardProtocol;
import io.axion.api.lxd.ProxyForward;
import io.axion.api.network.ForwardRequest;
import org.junit.jupiter.api.Test;

class PortRulesTest {
    PortRules rules = new PortRules(10000, 60000, " 127.0.0.1 ");

    @Test
    void aValidRequestBecomesAForwardOnTheListenAddress() {
        assertThat(rules.check(new ForwardRequest(10000, 80, null)))
                .isEqualTo(new ProxyForward("127.0.0.1", 10000, 80, ForwardProtocol.TCP));
        assertThat(rules.check(new ForwardRequest(60000, 65535, "UDP")))
                .isEqualTo(new ProxyForward("127.0.0.1", 60000, 65535, ForwardProtocol.UDP));
        assertThat(rules.check(new ForwardRequest(20000, 1, "tcp")).protocol()).isEqualTo(ForwardProtocol.TCP);
    }

    @Test
    void hostPortsOutsideTheRangeAre422() {
        assertInvalid(new ForwardRequest(9999, 80, null), "hostPort: must be between 10000 and 60000");
        assertInvalid(new ForwardRequest(60001, 80, null), "hostPort:");
        assertInvalid(new ForwardRequest(-1, 80, null), "hostPort:");
        assertInvalid(new ForwardRequest(null, 80, null), "hostPort: is required");
        assertInvalid(null, "hostPort: is required");
    }

    @Test
    void containerPortsOutside1To65535Are422() {
        assertInvalid(new ForwardRequest(10000, 0, null), "containerPort: must be between 1 and 65535");
        assertInvalid(new ForwardRequest(10000, 65536, null), "containerPort:");
        assertInvalid(new ForwardRequest(10000, null, null), "containerPort: is required");
    }

    @Test
    void onlyTcpAndUdpAreProtocols() {
        assertInvalid(new ForwardRequest(10000, 80, "sctp"), "protocol: must be tcp or udp");
        assertInvalid(new ForwardRequest(10000, 80, ""), "protocol:");
    }

    @Test
    void theRangeItselfIsChecked() {
        assertThatThrownBy(() -> new PortRules(0, 100, "127.0.0.1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PortRules(100, 65536, "127.0.0.1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PortRules(200, 100, "127.0.0.1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PortRules(100, 200, " ")).isInstanceOf(IllegalArgumentException.class);
        assertThat(new PortRules(5000, 5000, "0.0.0.0").check(new ForwardRequest(5000, 22, null)).hostPort())
                .isEqualTo(5000);
    }

    private void assertInvalid(ForwardRequest request, String detail) {
        assertThatThrownBy(() -> rules.check(request)).isInstanceOf(ValidationException.class)
                .hasMessageContaining(detail)
                .satisfies(e -> assertThat(((ValidationException) e).status()).isEqualTo(422));
    }
}
