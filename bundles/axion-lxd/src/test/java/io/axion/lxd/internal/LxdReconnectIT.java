package io.axion.lxd.internal;

import io.axion.api.lxd.InstanceSpec;
import io.axion.api.lxd.LxdEventListener;
import io.axion.api.lxd.LxdEvent;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * LXD going away and coming back: health notices within 5 s, the event stream reconnects by itself and asks
 * listeners to re-sync. First through a proxy in front of the real socket (precise, any machine), then by stopping
 * and restarting the real daemon where the tests started it themselves (scripts/setup-lxd.sh, as root).
 */
class LxdReconnectIT extends LxdProjectSupport {
    private static final Logger LOG = LoggerFactory.getLogger(LxdReconnectIT.class);

    @Test
    void healthAndEventsFollowLxdGoingAndComing() throws Exception {
        Path socket = Files.createTempDirectory("axion-it-proxy").resolve("lxd.socket");
        LxdEventsIT.RecordingBus bus = new LxdEventsIT.RecordingBus();
        try (UnixSocketProxy proxy = new UnixSocketProxy(socket, SOCKET);
             LxdConnection viaProxy = new LxdConnection(LxdSettings.forSocket(socket, project))) {
            proxy.start();
            LxdHealthMonitor health = new LxdHealthMonitor(viaProxy);
            LxdEventStream events = new LxdEventStream(viaProxy, "it", () -> bus);
            AtomicInteger resyncs = new AtomicInteger();
            List<LxdEvent> heard = new CopyOnWriteArrayList<>();
            events.subscribe(new LxdEventListener() {
                @Override
                public void onEvent(LxdEvent event) {
                    heard.add(event);
                }

                @Override
                public void onResync() {
                    resyncs.incrementAndGet();
                }
            });
            try {
                Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> health.reachable() && events.connected());
                assertThat(resyncs).hasValue(0);

                proxy.close();
                long down = System.nanoTime();
                Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> !health.reachable());
                LOG.info("health noticed LXD gone after {} ms", (System.nanoTime() - down) / 1_000_000);
                assertThat(health.serverVersion()).isEmpty();
                Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> !events.connected());

                proxy.start();
                long up = System.nanoTime();
                Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> health.reachable() && events.connected());
                LOG.info("health and events back after {} ms", (System.nanoTime() - up) / 1_000_000);
                Awaitility.await().atMost(Duration.ofSeconds(2)).until(() -> resyncs.get() == 1);
                assertThat(bus.events).anySatisfy(e -> assertThat(e.type()).isEqualTo("instances-resync"));

                // Events flow again after the reconnect.
                String name = uniqueName("back");
                instances.create(InstanceSpec.of(name, BUSYBOX).withStart(false));
                Awaitility.await().atMost(Duration.ofSeconds(2)).until(() -> heard.stream()
                        .anyMatch(e -> "instance-created".equals(e.action()) && name.equals(e.instance())));
            } finally {
                events.close();
                health.close();
            }
        }
    }

    @Test
    void healthFollowsTheRealDaemonStoppingAndStarting() throws Exception {
        Path setup = Path.of(System.getProperty("axion.it.setupLxd", "../../scripts/setup-lxd.sh"));
        String pid = run("pgrep", "-f", "^lxd --group").trim();
        Assumptions.assumeTrue(Files.isExecutable(setup) && !pid.isEmpty() && !pid.contains("\n")
                && "root".equals(System.getProperty("user.name")), "LXD was not started by scripts/setup-lxd.sh");

        LxdHealthMonitor health = new LxdHealthMonitor(lxd);
        try {
            Awaitility.await().atMost(Duration.ofSeconds(15)).until(health::reachable);

            // SIGTERM ends the daemon and leaves its containers running.
            run("kill", pid);
            long down = System.nanoTime();
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> !health.reachable());
            LOG.info("health noticed the LXD daemon stopped after {} ms", (System.nanoTime() - down) / 1_000_000);

            run(setup.toString());
            long up = System.nanoTime();
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(health::reachable);
            LOG.info("health saw LXD back {} ms after setup-lxd returned", (System.nanoTime() - up) / 1_000_000);
            assertThat(health.serverVersion()).isPresent();
        } finally {
            health.close();
        }
    }

    private static String run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (!process.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " did not end: " + output);
        }
        return output;
    }
}
