package io.axion.web.internal.tls;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TransportPolicyTest {

    @Test
    void loopbackStaysHttpUnlessAskedForTls() {
        assertThat(TransportPolicy.https("127.0.0.1", "auto", false, "")).isFalse();
        assertThat(TransportPolicy.https("localhost", "auto", false, "")).isFalse();
        assertThat(TransportPolicy.https("::1", "auto", false, "")).isFalse();
        assertThat(TransportPolicy.https("127.0.0.1", "always", false, "")).isTrue();
        assertThat(TransportPolicy.https("127.0.0.1", "auto", false, "/etc/axion.p12")).isTrue();
    }

    @Test
    void everyOtherAddressIsHttpsUnlessPlainHttpIsExplicitlyAllowed() {
        assertThat(TransportPolicy.https("0.0.0.0", "auto", false, "")).isTrue();
        assertThat(TransportPolicy.https("::", "auto", false, "")).isTrue();
        assertThat(TransportPolicy.https("", "auto", false, "")).isTrue();
        assertThat(TransportPolicy.https("192.0.2.10", "auto", false, "")).isTrue();
        assertThat(TransportPolicy.https("no-such-host.invalid", "auto", false, "")).isTrue();
        assertThat(TransportPolicy.https("0.0.0.0", "auto", true, "")).isFalse();
        assertThat(TransportPolicy.https("0.0.0.0", "always", true, "")).isTrue();
    }
}
