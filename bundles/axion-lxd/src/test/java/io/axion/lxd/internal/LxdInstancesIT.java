package io.axion.lxd.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.axion.api.error.ConflictException;
import io.axion.api.lxd.InstanceCreation;
import io.axion.api.lxd.InstanceInfo;
import io.axion.api.lxd.InstanceSpec;
import io.axion.api.lxd.InstanceStatus;
import io.axion.api.lxd.LxdAlreadyExistsException;
import io.axion.api.lxd.LxdNotFoundException;
import io.axion.api.lxd.LxdRefusedException;
import io.axion.api.lxd.LxdUnreachableException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LxdInstancesIT extends LxdProjectSupport {

    private static JsonNode raw(String name) {
        return lxd.get("/1.0/instances/" + name, Subject.instance(name), "read back").metadata();
    }

    @Test
    void createsWithLimitsAndDiskThenRunsTheLifecycle() {
        String name = uniqueName("life");
        InstanceCreation created = instances.create(InstanceSpec.of(name, BUSYBOX).withLimits(1, 128).withDiskGiB(2));
        assertThat(created.imageFallbackUsed()).isFalse();
        assertThat(created.instance().status()).isEqualTo(InstanceStatus.RUNNING);

        JsonNode back = raw(name);
        assertThat(back.path("status").asText()).isEqualTo("Running");
        assertThat(back.path("config").path("limits.cpu").asText()).isEqualTo("1");
        assertThat(back.path("config").path("limits.memory").asText()).isEqualTo("128MiB");
        assertThat(back.path("devices").path("root").path("size").asText()).isEqualTo("2GiB");
        InstanceInfo info = instances.get(name);
        assertThat(info.cpu()).isEqualTo(1);
        assertThat(info.memoryMiB()).isEqualTo(128L);
        assertThat(info.diskGiB()).isEqualTo(2L);
        assertThat(info.image()).isEqualTo(BUSYBOX);
        assertThat(info.createdAt()).isNotNull();

        var state = instances.state(name);
        assertThat(state.status()).isEqualTo(InstanceStatus.RUNNING);
        assertThat(state.pid()).isPositive();
        assertThat(state.processes()).isPositive();
        assertThat(state.memoryUsageBytes()).isPositive();

        instances.freeze(name);
        assertThat(raw(name).path("status").asText()).isEqualTo("Frozen");
        instances.unfreeze(name);
        assertThat(raw(name).path("status").asText()).isEqualTo("Running");

        long pidBefore = instances.state(name).pid();
        instances.restart(name, true);
        assertThat(raw(name).path("status").asText()).isEqualTo("Running");
        assertThat(instances.state(name).pid()).isNotEqualTo(pidBefore);

        instances.stop(name, false, Duration.ofSeconds(3));
        assertThat(raw(name).path("status").asText()).isEqualTo("Stopped");
        instances.stop(name); // stopping a stopped instance is a no-op
        instances.start(name);
        instances.start(name); // and so is starting a running one
        assertThat(raw(name).path("status").asText()).isEqualTo("Running");

        instances.delete(name); // running: stopped by force first
        assertThat(instances.find(name)).isEmpty();
        assertThatThrownBy(() -> raw(name)).isInstanceOf(LxdNotFoundException.class);
        instances.delete(name); // deleting a missing one is a no-op
    }

    @Test
    void listsInOneCallAndCreatesStoppedWhenAsked() {
        String name = uniqueName("list");
        instances.create(InstanceSpec.of(name, BUSYBOX).withStart(false));
        assertThat(instances.list()).extracting(InstanceInfo::name).contains(name);
        assertThat(instances.get(name).status()).isEqualTo(InstanceStatus.STOPPED);
    }

    @Test
    void updatesLimitsLiveAndPatchesConfigSafely() {
        String name = runningBusybox("cfg");
        instances.updateLimits(name, 2, 256);
        JsonNode back = raw(name);
        assertThat(back.path("config").path("limits.cpu").asText()).isEqualTo("2");
        assertThat(back.path("config").path("limits.memory").asText()).isEqualTo("256MiB");
        assertThat(back.path("status").asText()).isEqualTo("Running");

        instances.patchConfig(name, Map.of("user.note", "hello"));
        assertThat(raw(name).path("config").path("user.note").asText()).isEqualTo("hello");
        Map<String, String> removal = new HashMap<>();
        removal.put("user.note", null);
        instances.patchConfig(name, removal);
        assertThat(raw(name).path("config").has("user.note")).isFalse();

        // A concurrent change between our read and our write: the ETag makes LXD refuse, we re-apply on top.
        var updater = new InstanceUpdater(lxd);
        var interfered = new java.util.concurrent.atomic.AtomicBoolean();
        updater.update(name, "test update", definition -> {
            if (interfered.compareAndSet(false, true)) {
                instances.patchConfig(name, Map.of("user.other", "concurrent"));
            }
            ((com.fasterxml.jackson.databind.node.ObjectNode) definition.get("config")).put("user.mine", "kept");
        });
        assertThat(raw(name).path("config").path("user.other").asText()).isEqualTo("concurrent");
        assertThat(raw(name).path("config").path("user.mine").asText()).isEqualTo("kept");

        // And a stale ETag sent by hand is refused as a conflict.
        LxdResponse current = lxd.get("/1.0/instances/" + name, Subject.instance(name), "read");
        instances.patchConfig(name, Map.of("user.bump", "1"));
        var stale = LxdConnection.withJson(lxd.request(HttpMethod.PATCH, "/1.0/instances/" + name),
                Map.of("config", Map.of("user.stale", "x"))).headers(h -> h.put(HttpHeader.IF_MATCH, current.etag()));
        assertThatThrownBy(() -> lxd.call(stale, Subject.instance(name), "stale patch", Duration.ofSeconds(30)))
                .isInstanceOf(ConflictException.class);

        assertThatThrownBy(() -> instances.patchConfig(name, Map.of("limits.cpu", "lots")))
                .isInstanceOf(LxdRefusedException.class)
                .satisfies(e -> assertThat(((LxdRefusedException) e).status()).isEqualTo(422));
    }

    @Test
    void mapsErrors() {
        String name = runningBusybox("err");
        assertThatThrownBy(() -> instances.create(InstanceSpec.of(name, BUSYBOX)))
                .isInstanceOf(LxdAlreadyExistsException.class);
        assertThatThrownBy(() -> instances.get("no-such-instance")).isInstanceOf(LxdNotFoundException.class);
        assertThatThrownBy(() -> instances.create(InstanceSpec.of(uniqueName("noimg"), "axion/no-such-image")))
                .isInstanceOf(LxdNotFoundException.class).hasMessageContaining("Image");
        try (LxdConnection nowhere = new LxdConnection(LxdSettings.forSocket(Path.of("/nonexistent/lxd.socket"), project))) {
            assertThatThrownBy(() -> new LxdInstancesService(nowhere).list())
                    .isInstanceOf(LxdUnreachableException.class)
                    .satisfies(e -> assertThat(((LxdUnreachableException) e).status()).isEqualTo(503));
        }
    }

    @Test
    void fallsBackToTheLocalImageWhenTheRemoteCannotBeFetched() {
        String name = uniqueName("fallback");
        InstanceCreation created = instances.create(InstanceSpec.of(name, "images:busybox").withStart(false));
        assertThat(created.imageFallbackUsed()).isTrue();
        assertThat(created.usedImage()).isEqualTo(BUSYBOX);
        assertThat(created.notes()).singleElement().asString()
                .contains("images:busybox could not be fetched").contains("axion/busybox");
        assertThat(raw(name).path("config").path("user.axion.image").asText()).isEqualTo("images:busybox");
        assertThat(instances.get(name).image()).isEqualTo("images:busybox");

        // No fallback configured: LXD's own failure comes through.
        assertThatThrownBy(() -> instances.create(InstanceSpec.of(uniqueName("nofb"), "images:alpine/3.20")))
                .isInstanceOf(LxdRefusedException.class).hasMessageContaining("remote image");
    }

    @Test
    void imagesResourcesAndHealth() {
        assertThat(new LxdImagesService(lxd).list())
                .anySatisfy(i -> assertThat(i.aliases()).contains(BUSYBOX));
        var resources = new LxdServerService(lxd).resources();
        assertThat(resources.cpuThreads()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(resources.cpuCores()).isPositive();
        assertThat(resources.memoryBytes()).isGreaterThan(1L << 30);

        LxdHealthMonitor health = new LxdHealthMonitor(lxd);
        try {
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(3)).until(health::reachable);
            assertThat(health.serverVersion()).isPresent();
        } finally {
            health.close();
        }
        try (LxdConnection nowhere = new LxdConnection(LxdSettings.forSocket(Path.of("/nonexistent/lxd.socket"), project))) {
            LxdHealthMonitor down = new LxdHealthMonitor(nowhere);
            try {
                down.check();
                assertThat(down.reachable()).isFalse();
                assertThat(down.serverVersion()).isEmpty();
            } finally {
                down.close();
            }
        }
    }
}
