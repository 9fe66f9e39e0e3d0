package io.axion.hosts.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.axion.api.error.ValidationException;
import io.axion.api.host.HostEndpoint;
import java.util.List;
import org.junit.jupiter.api.Test;

class HostSettingsParserTest {
    private static final HostEndpoint DRIVER = HostEndpoint.localSocket("/var/lib/lxd/unix.socket", "default");

    @Test
    void socketsAndUrlsWithOrWithoutProject() {
        List<HostSettingsParser.Entry> entries = HostSettingsParser.parse(
                "a=unix:/var/lib/lxd/unix.socket?project=axion-a, b=https://10.0.0.5:8443, c=unix:?project=p", DRIVER);
        assertThat(entries).extracting(HostSettingsParser.Entry::name).containsExactly("a", "b", "c");
        assertThat(entries.get(0).endpoint()).isEqualTo(HostEndpoint.localSocket("/var/lib/lxd/unix.socket", "axion-a"));
        assertThat(entries.get(1).endpoint().url()).isEqualTo("https://10.0.0.5:8443");
        assertThat(entries.get(1).endpoint().project()).isEqualTo("default");
        assertThat(entries.get(2).endpoint().socket()).isEqualTo("/var/lib/lxd/unix.socket");
        assertThat(entries.get(2).endpoint().project()).isEqualTo("p");
        assertThat(HostSettingsParser.parse(" ", DRIVER)).isEmpty();
    }

    @Test
    void badEntriesAreRefusedByName() {
        assertThatThrownBy(() -> HostSettingsParser.parse("noequals", DRIVER)).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> HostSettingsParser.parse("Bad_Name=unix:/x", DRIVER))
                .isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> HostSettingsParser.parse("a=ftp://x", DRIVER)).isInstanceOf(ValidationException.class);
    }

    @Test
    void nodeNamesBecomeHostNames() {
        assertThat(HostSettingsParser.hostNameFor("Build-Box.lab.example")).isEqualTo("build-box-lab-example");
        assertThat(HostSettingsParser.hostNameFor("7seas")).isEqualTo("seas");
        assertThat(HostSettingsParser.hostNameFor("---")).isEqualTo("local");
    }
}
