package io.axion.lxd.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.axion.api.lxd.InstanceSpec;
import java.util.Map;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ImageRulesTest {

    @Test
    void parsesFallbacks() {
        ImageFallbacks fallbacks = ImageFallbacks.parse(
                "images:debian/12=axion/debian-12, images:busybox = axion/busybox;\nubuntu:24.04=axion/debian-12");
        assertThat(fallbacks.fallbackFor("images:debian/12")).contains("axion/debian-12");
        assertThat(fallbacks.fallbackFor(" images:busybox ")).contains("axion/busybox");
        assertThat(fallbacks.fallbackFor("ubuntu:24.04")).contains("axion/debian-12");
        assertThat(fallbacks.fallbackFor("images:alpine/3.20")).isEmpty();
        assertThat(ImageFallbacks.parse("").byImage()).isEmpty();
        assertThat(ImageFallbacks.parse(null).byImage()).isEmpty();
        assertThatThrownBy(() -> ImageFallbacks.parse("images:debian/12")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ImageFallbacks.parse("x=")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void imageSources() {
        ImageSource remote = ImageSource.parse("images:debian/12");
        assertThat(remote.isRemote()).isTrue();
        assertThat(remote.toLxdSource().toString()).isEqualTo(
                "{\"type\":\"image\",\"mode\":\"pull\",\"server\":\"https://images.linuxcontainers.org\","
                        + "\"protocol\":\"simplestreams\",\"alias\":\"debian/12\"}");
        assertThat(ImageSource.parse("nowhere:thing").unknownRemote()).isTrue();
        assertThat(ImageSource.parse("axion/busybox").toLxdSource().path("alias").asText()).isEqualTo("axion/busybox");
        assertThat(ImageSource.parse("0f25293a9b9a").toLxdSource().path("fingerprint").asText()).isEqualTo("0f25293a9b9a");
    }

    @Test
    void createBodyCarriesLimitsDiskAndCloudInit() {
        InstanceSpec spec = InstanceSpec.of("web-1", "axion/debian-12").withLimits(2, 512).withDiskGiB(4)
                .withCloudInit("#cloud-config\n", "config: disabled").withUserConfig(Map.of("user.axion.job", "j-1"));
        ObjectNode body = InstanceCreator.body(spec, ImageSource.parse(spec.image()), "default", true);
        assertThat(body.path("name").asText()).isEqualTo("web-1");
        assertThat(body.path("config").path("user.axion.job").asText()).isEqualTo("j-1");
        assertThat(body.path("config").path("limits.cpu").asText()).isEqualTo("2");
        assertThat(body.path("config").path("limits.memory").asText()).isEqualTo("512MiB");
        assertThat(body.path("config").path("user.axion.image").asText()).isEqualTo("axion/debian-12");
        assertThat(body.path("config").path("cloud-init.user-data").asText()).isEqualTo("#cloud-config\n");
        assertThat(body.path("config").path("cloud-init.network-config").asText()).isEqualTo("config: disabled");
        assertThat(body.path("devices").path("root").toString())
                .isEqualTo("{\"type\":\"disk\",\"path\":\"/\",\"pool\":\"default\",\"size\":\"4GiB\"}");

        ObjectNode old = InstanceCreator.body(spec, ImageSource.parse(spec.image()), "default", false);
        assertThat(old.path("config").path("user.user-data").asText()).isEqualTo("#cloud-config\n");
        assertThat(old.path("config").path("user.network-config").asText()).isEqualTo("config: disabled");
        assertThat(old.path("config").has("cloud-init.user-data")).isFalse();

        ObjectNode plain = InstanceCreator.body(InstanceSpec.of("b", "axion/busybox"), ImageSource.parse("axion/busybox"),
                null, true);
        assertThat(plain.path("devices").size()).isZero();
        assertThat(plain.path("config").has("limits.cpu")).isFalse();
    }

    @Test
    void onlyUserKeysMayBeGivenBesideTheSpec() {
        assertThatThrownBy(() -> InstanceSpec.of("a", "img").withUserConfig(Map.of("limits.cpu", "64")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void forwardDevices() {
        var forward = new io.axion.api.lxd.ProxyForward("127.0.0.1", 10022, 22, io.axion.api.lxd.ForwardProtocol.TCP);
        assertThat(LxdForwardsService.deviceName(forward)).isEqualTo("axion-tcp-10022");
        ObjectNode device = LxdForwardsService.device(forward);
        assertThat(device.path("listen").asText()).isEqualTo("tcp:127.0.0.1:10022");
        assertThat(device.path("connect").asText()).isEqualTo("tcp:127.0.0.1:22");
        assertThat(LxdJson.proxyForward(device)).contains(forward);
    }
}
