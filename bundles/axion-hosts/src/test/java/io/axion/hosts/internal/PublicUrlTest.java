package io.axion.hosts.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Hashtable;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PublicUrlTest {

    private static Hashtable<String, Object> web(Map<String, Object> properties) {
        return new Hashtable<>(properties);
    }

    @Test
    void theSettingWinsWithoutItsTrailingSlash() {
        assertThat(PublicUrl.resolve(" https://axion-2.example.org:8443/ ", web(Map.of("port", "8081"))))
                .isEqualTo("https://axion-2.example.org:8443");
    }

    @Test
    void aSettingThatIsNoHttpUrlFallsBackToTheWebSettings() {
        assertThat(PublicUrl.resolve("node-2:8082", web(Map.of("host", "127.0.0.1", "port", "8081"))))
                .isEqualTo("http://127.0.0.1:8081");
        assertThat(PublicUrl.resolve("ftp://node-2", null)).isNull();
    }

    @Test
    void theWebServerSpeaksPlainHttpOnLoopbackOnly() {
        assertThat(PublicUrl.resolve("", web(Map.of("host", "127.0.0.1", "port", "8082"))))
                .isEqualTo("http://127.0.0.1:8082");
        assertThat(PublicUrl.resolve("", web(Map.of("host", "::1", "port", 8082))))
                .isEqualTo("http://[::1]:8082");
        assertThat(PublicUrl.resolve("", web(Map.of("host", "192.0.2.10", "port", "8080"))))
                .isEqualTo("https://192.0.2.10:8080");
        assertThat(PublicUrl.resolve("", web(Map.of("host", "192.0.2.10", "port", "8080",
                "allowPlainHttp", "true")))).isEqualTo("http://192.0.2.10:8080");
    }

    @Test
    void tlsAlwaysOrAKeystoreMeansHttpsEvenOnLoopback() {
        assertThat(PublicUrl.resolve(null, web(Map.of("tls", "always")))).isEqualTo("https://127.0.0.1:8080");
        assertThat(PublicUrl.resolve(null, web(Map.of("tlsKeystore", "/etc/axion/tls.p12"))))
                .isEqualTo("https://127.0.0.1:8080");
    }

    @Test
    void missingWebSettingsAreTheWebServersDefaults() {
        assertThat(PublicUrl.resolve("", web(Map.of()))).isEqualTo("http://127.0.0.1:8080");
    }

    @Test
    void noUrlForEveryInterfaceOrWithoutAnySettings() {
        assertThat(PublicUrl.resolve("", web(Map.of("host", "0.0.0.0", "port", "8080")))).isNull();
        assertThat(PublicUrl.resolve("", web(Map.of("host", "::")))).isNull();
        assertThat(PublicUrl.resolve("", null)).isNull();
    }
}
