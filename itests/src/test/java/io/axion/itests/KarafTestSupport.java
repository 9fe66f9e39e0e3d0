package io.axion.itests;

import static org.ops4j.pax.exam.CoreOptions.maven;
import static org.ops4j.pax.exam.CoreOptions.mavenBundle;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.configureConsole;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.karafDistributionConfiguration;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.keepRuntimeFolder;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.logLevel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.inject.Inject;
import org.junit.AfterClass;
import org.apache.karaf.features.FeaturesService;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.karaf.options.LogLevelOption;
import org.ops4j.pax.exam.options.MavenArtifactUrlReference;
import org.osgi.framework.BundleContext;

/**
 * The one base class of Axion's itests: boots the distribution built by this reactor on free ports, in a
 * Hazelcast cluster and an LXD project of its own, and offers HTTP, shell and polling helpers.
 */
public abstract class KarafTestSupport {
    protected static final Duration DEADLINE = Duration.ofSeconds(30);
    protected static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    protected BundleContext bundleContext;

    @Inject
    protected FeaturesService features;

    @Inject
    protected SessionFactory sessionFactory;

    /** The run id chosen by {@link #baseOptions()} in the driver JVM, where the project is deleted afterwards. */
    private static volatile String driverRunId;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** The options every test class boots with; subclasses add theirs with {@link #withBaseOptions}. */
    protected Option[] baseOptions() {
        String runId = UUID.randomUUID().toString().substring(0, 8);
        driverRunId = runId;
        int httpPort = freePort();
        MavenArtifactUrlReference karafUrl = maven().groupId("io.axion").artifactId("axion-distribution")
                .type("tar.gz").versionAsInProject();
        String distribution = System.getProperty("axion.distribution");
        List<Option> options = new ArrayList<>(List.of(
                karafDistributionConfiguration()
                        .frameworkUrl(distribution != null ? new File(distribution).toURI().toString() : karafUrl.getURL())
                        .name("Axion")
                        .unpackDirectory(new File(System.getProperty("axion.itest.dir", "target/exam")))
                        .useDeployFolder(false),
                keepRuntimeFolder(),
                remoteShell() ? configureConsole().ignoreLocalConsole().startRemoteShell()
                        : configureConsole().ignoreLocalConsole().ignoreRemoteShell(),
                logLevel(LogLevelOption.LogLevel.INFO),
                editConfigurationFilePut("etc/io.axion.web.cfg", "port", Integer.toString(httpPort)),
                editConfigurationFilePut("etc/io.axion.cluster.cfg", "clusterName", "itest-" + runId),
                editConfigurationFilePut("etc/io.axion.cluster.cfg", "port", Integer.toString(freePort())),
                editConfigurationFilePut("etc/io.axion.lxd.cfg", "project", "axion-it-" + runId),
                editConfigurationFilePut("etc/org.apache.karaf.shell.cfg", "sshPort", Integer.toString(freePort())),
                editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiRegistryPort",
                        Integer.toString(freePort())),
                editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiServerPort",
                        Integer.toString(freePort())),
                systemProperty("axion.it.http.port").value(Integer.toString(httpPort)),
                systemProperty("axion.it.run").value(runId),
                // The injected services (FeaturesService above all) go away while the first feature deployment
                // after boot refreshes their bundles; on a busy 2-core machine that outlasts Pax Exam's 10 s wait.
                systemProperty("pax.exam.service.timeout").value("120000"),
                mavenBundle().groupId("org.assertj").artifactId("assertj-core").versionAsInProject(),
                mavenBundle().groupId("net.bytebuddy").artifactId("byte-buddy").versionAsInProject(),
                mavenBundle().groupId("org.hamcrest").artifactId("hamcrest").versionAsInProject(),
                mavenBundle().groupId("org.awaitility").artifactId("awaitility").versionAsInProject()));
        return options.toArray(new Option[0]);
    }

    /** Whether Karaf's SSH server runs; off unless a test logs in over SSH (Pax Exam keeps the first setting). */
    protected boolean remoteShell() {
        return false;
    }

    protected Option[] withBaseOptions(Option... extra) {
        List<Option> options = new ArrayList<>(List.of(baseOptions()));
        options.addAll(List.of(extra));
        return options.toArray(new Option[0]);
    }

    protected static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // --- inside the container ---------------------------------------------------------------------------------

    protected String baseUrl() {
        return "http://127.0.0.1:" + System.getProperty("axion.it.http.port");
    }

    /** This run's LXD project: Axion works inside it, and it is deleted afterwards. */
    protected String lxdProject() {
        return "axion-it-" + System.getProperty("axion.it.run");
    }

    protected HttpResponse<String> request(String method, String path, String token, String jsonBody) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, jsonBody == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(jsonBody));
        if (jsonBody != null) {
            builder.header("Content-Type", "application/json");
        }
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        try {
            return http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    protected HttpResponse<String> get(String path) {
        return request("GET", path, null, null);
    }

    protected static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("Not JSON: " + response.body(), e);
        }
    }

    /** A started busybox container in this run's project, made with {@code lxc} rather than through Axion. */
    protected String runningBusybox(String prefix) {
        String name = prefix + "-" + Long.toString(System.nanoTime() % 1_000_000, 36);
        // The driver creates the run's project when it starts.
        await().atMost(Duration.ofMinutes(2)).ignoreExceptions().until(() -> lxc("list", "--format", "csv") != null);
        lxc("init", "axion/busybox", name);
        lxc("start", name);
        return name;
    }

    /** Polls the job until it ends and asserts that it COMPLETED. */
    protected JsonNode awaitJobCompleted(String token, String id, Duration deadline) {
        JsonNode job = await().atMost(deadline).pollInterval(Duration.ofMillis(200))
                .until(() -> json(request("GET", "/api/v1/jobs/" + id, token, null)),
                        j -> j.path("state").asText().equals("COMPLETED") || j.path("state").asText().equals("FAILED"));
        assertThat(job.path("state").asText()).as("job %s: %s", id, job).isEqualTo("COMPLETED");
        return job;
    }

    /** A token for the first admin, whose password Axion wrote to the data folder at first boot. */
    protected String adminToken() {
        return await().atMost(DEADLINE).ignoreExceptions().until(() -> {
            String password = Files.readString(Path.of(System.getProperty("karaf.data"), "initial-admin-password"))
                    .trim();
            HttpResponse<String> login = request("POST", "/api/v1/auth/login", null,
                    JSON.writeValueAsString(Map.of("username", "admin", "password", password)));
            return login.statusCode() == 200 ? json(login).path("token").asText() : null;
        }, token -> token != null && !token.isEmpty());
    }

    /** Runs the {@code lxc} client in this run's LXD project, to check Axion's effects in LXD itself. */
    protected static String lxc(String... args) {
        List<String> command = new ArrayList<>(List.of("lxc", "--project", "axion-it-" + System.getProperty("axion.it.run")));
        command.addAll(List.of(args));
        return run(command);
    }

    /** Runs the {@code lxc} client outside any project, for server-wide commands such as {@code lxc query}. */
    protected static String lxcServer(String... args) {
        List<String> command = new ArrayList<>(List.of("lxc"));
        command.addAll(List.of(args));
        return run(command);
    }

    private static String run(List<String> command) {
        return Commands.run(command);
    }

    /**
     * Deletes this run's LXD project with everything in it, whatever the tests left behind. Runs in the driver JVM
     * only, once all of the class's tests are done: inside the container Pax Exam runs class rules around every
     * single test method, which would delete the project under the next test.
     */
    @AfterClass
    public static void deleteLxdProject() {
        if (System.getProperty("axion.it.run") != null) {
            return; // inside the container, after one test method
        }
        String runId = driverRunId;
        driverRunId = null;
        if (runId == null) {
            return;
        }
        String project = "axion-it-" + runId;
        try {
            String list = run(List.of("lxc", "project", "list", "--format", "csv"));
            if (!list.contains(project)) {
                return;
            }
            String instances = run(List.of("lxc", "--project", project, "list", "--format", "csv", "-c", "n"));
            for (String name : instances.split("\\s+")) {
                if (!name.isBlank()) {
                    run(List.of("lxc", "--project", project, "delete", "--force", name));
                }
            }
            run(List.of("lxc", "project", "delete", project));
        } catch (RuntimeException e) {
            System.err.println("Could not delete LXD project " + project + ": " + e.getMessage());
        }
    }

    /** Runs a shell command in a Karaf session as the tests' user and returns what it printed. */
    /**
     * Installs a feature while Axion runs and waits until Karaf keeps it as installed. Karaf's first deployment after
     * boot may update the features service itself, which restarts and resumes from its saved state; a request made
     * while Pax Exam's own provisioning is still in flight can lose its requirement that way, so ask again until the
     * feature stays installed.
     */
    protected void installFeatureAtRuntime(String name) {
        await().atMost(DEADLINE).pollInterval(Duration.ofMillis(500)).until(() -> {
            FeaturesService live = liveFeatures();
            if (!live.isInstalled(live.getFeature(name))) {
                live.installFeature(name, java.util.EnumSet.of(FeaturesService.Option.NoAutoRefreshBundles));
            }
            return live.isInstalled(live.getFeature(name));
        });
    }

    /**
     * The counterpart of {@link #installFeatureAtRuntime}: uninstalls it and waits until the bundles only it needs are
     * gone. An install may have refreshed Karaf's features bundle, whose new service can resume from the state of
     * before the install and take the feature for uninstalled while its bundles run on: it is installed again then
     * (nothing changes, its bundles are there) so that the next round's uninstall removes them.
     */
    protected void uninstallFeatureAtRuntime(String name) throws Exception {
        await().atMost(DEADLINE).pollInterval(Duration.ofSeconds(1)).until(() -> {
            FeaturesService live = liveFeatures();
            org.apache.karaf.features.Feature feature = live.getFeature(name);
            java.util.EnumSet<FeaturesService.Option> options =
                    java.util.EnumSet.of(FeaturesService.Option.NoAutoRefreshBundles);
            boolean left = ownBundles(live, feature).stream().anyMatch(l -> bundleContext.getBundle(l) != null);
            if (live.isInstalled(feature)) {
                live.uninstallFeature(name, options);
                return false;
            }
            if (left) {
                live.installFeature(name, options);
                return false;
            }
            return true;
        });
    }

    /** The features service running now (an install can refresh its bundle: an injected one may be gone). */
    private FeaturesService liveFeatures() {
        org.osgi.framework.ServiceReference<FeaturesService> ref =
                bundleContext.getServiceReference(FeaturesService.class);
        FeaturesService live = ref == null ? null : bundleContext.getService(ref);
        return live == null ? features : live;
    }

    /** Locations of the feature's bundles that no other installed feature lists. */
    private static Set<String> ownBundles(FeaturesService live, org.apache.karaf.features.Feature feature)
            throws Exception {
        Set<String> own = new java.util.HashSet<>();
        feature.getBundles().forEach(b -> own.add(b.getLocation()));
        for (org.apache.karaf.features.Feature other : live.listInstalledFeatures()) {
            if (!other.getId().equals(feature.getId())) {
                other.getBundles().forEach(b -> own.remove(b.getLocation()));
            }
        }
        return own;
    }

    protected String executeCommand(String command) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        Session session = sessionFactory.create(System.in, out, out);
        try {
            session.execute(command);
        } catch (Exception e) {
            throw new IllegalStateException("Command failed: " + command + "\n" + bytes, e);
        } finally {
            session.close();
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
