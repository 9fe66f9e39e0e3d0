package io.axion.lxd.internal;

import io.axion.api.lxd.InstanceInfo;
import io.axion.api.lxd.InstanceSpec;
import org.eclipse.jetty.http.HttpMethod;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Integration tests against the real LXD: each test class works in an LXD project of its own
 * ({@code axion-it-<random>}, sharing the default project's images and profiles) that is deleted afterwards,
 * with every instance in it.
 */
abstract class LxdProjectSupport {
    private static final Logger LOG = LoggerFactory.getLogger(LxdProjectSupport.class);
    static final Path SOCKET = Path.of(System.getProperty("axion.it.lxd.socket", LxdSettings.DEFAULT_SOCKET));
    static final String BUSYBOX = "axion/busybox";
    static final String DEBIAN = "axion/debian-12";
    private static final AtomicInteger COUNTER = new AtomicInteger();

    static String project;
    static LxdConnection lxd;
    static LxdInstancesService instances;

    @BeforeAll
    static void createProject() {
        project = "axion-it-" + UUID.randomUUID().toString().substring(0, 8);
        lxd = new LxdConnection(LxdSettings.forSocket(SOCKET, project)
                .withImageFallbacks(ImageFallbacks.parse("images:busybox=axion/busybox"))
                .withStopTimeout(java.time.Duration.ofSeconds(5)));
        lxd.ensureProject();
        instances = new LxdInstancesService(lxd);
        LOG.info("Testing in LXD project {}", project);
    }

    @AfterAll
    static void deleteProject() {
        try {
            // An instance may still be busy with an operation a failed test left behind: retry for a while.
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(120))
                    .pollInterval(java.time.Duration.ofSeconds(1))
                    .ignoreExceptions()
                    .until(() -> {
                        for (InstanceInfo instance : instances.list()) {
                            instances.delete(instance.name());
                        }
                        return instances.list().isEmpty();
                    });
            lxd.send(lxd.request(HttpMethod.DELETE, "/1.0/projects/" + project), Subject.project(project),
                    "delete project " + project);
        } finally {
            lxd.close();
        }
    }

    static String uniqueName(String prefix) {
        return prefix + "-" + COUNTER.incrementAndGet();
    }

    /** A started busybox instance (no network device; its loopback is up by its inittab). */
    static String runningBusybox(String prefix) {
        String name = uniqueName(prefix);
        instances.create(InstanceSpec.of(name, BUSYBOX));
        return name;
    }
}
