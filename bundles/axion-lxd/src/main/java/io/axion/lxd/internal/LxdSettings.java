package io.axion.lxd.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The driver's settings as plain values, built from {@link LxdConfig} in OSGi or directly by tests.
 *
 * @param socket   the unix socket to use (already resolved against the fallbacks)
 * @param url      a remote LXD's https URL, or null to use the socket
 * @param dataDir  where a generated client certificate goes
 */
public record LxdSettings(Path socket, String url, Path clientCertificate, Path clientKey, Path serverCertificate,
                          Path dataDir, String project, Duration operationTimeout, Duration createTimeout,
                          Duration stopTimeout, Duration requestTimeout, Duration healthInterval,
                          ImageFallbacks imageFallbacks, int execOutputLimitBytes, BridgeSettings bridge) {

    public LxdSettings {
        bridge = bridge == null ? BridgeSettings.NONE : bridge;
    }

    /** Settings without the managed bridge (instances get no NIC). */
    public LxdSettings(Path socket, String url, Path clientCertificate, Path clientKey, Path serverCertificate,
                       Path dataDir, String project, Duration operationTimeout, Duration createTimeout,
                       Duration stopTimeout, Duration requestTimeout, Duration healthInterval,
                       ImageFallbacks imageFallbacks, int execOutputLimitBytes) {
        this(socket, url, clientCertificate, clientKey, serverCertificate, dataDir, project, operationTimeout,
                createTimeout, stopTimeout, requestTimeout, healthInterval, imageFallbacks, execOutputLimitBytes,
                BridgeSettings.NONE);
    }

    public static final String DEFAULT_SOCKET = "/var/lib/lxd/unix.socket";
    /** Tried in this order when the configured socket is the default and does not exist. */
    static final List<String> FALLBACK_SOCKETS = List.of(
            "/var/snap/lxd/common/lxd/unix.socket", "/var/lib/incus/unix.socket");

    /** Settings for the local socket and one project, everything else at its default. */
    public static LxdSettings forSocket(Path socket, String project) {
        return new LxdSettings(socket, null, null, null, null, defaultDataDir(), project,
                Duration.ofSeconds(120), Duration.ofSeconds(600), Duration.ofSeconds(30), Duration.ofSeconds(30),
                Duration.ofSeconds(1), ImageFallbacks.parse("images:busybox=axion/busybox"), 8 * 1024 * 1024);
    }

    public static LxdSettings from(LxdConfig config) {
        return new LxdSettings(
                resolveSocket(config.socket(), Files::exists),
                blankToNull(config.url()),
                pathOrNull(config.clientCertificate()),
                pathOrNull(config.clientKey()),
                pathOrNull(config.serverCertificate()),
                defaultDataDir(),
                blankToNull(config.project()) == null ? "default" : config.project().trim(),
                Duration.ofSeconds(config.operationTimeoutSeconds()),
                Duration.ofSeconds(config.createTimeoutSeconds()),
                Duration.ofSeconds(config.stopTimeoutSeconds()),
                Duration.ofSeconds(config.requestTimeoutSeconds()),
                Duration.ofMillis(Math.max(100, config.healthIntervalMillis())),
                ImageFallbacks.parse(config.imageFallbacks()),
                config.execOutputLimitBytes(),
                BridgeSettings.of(config.bridge(), config.bridgeAddress()));
    }

    public LxdSettings withProject(String otherProject) {
        return new LxdSettings(socket, url, clientCertificate, clientKey, serverCertificate, dataDir, otherProject,
                operationTimeout, createTimeout, stopTimeout, requestTimeout, healthInterval, imageFallbacks,
                execOutputLimitBytes, bridge);
    }

    public LxdSettings withImageFallbacks(ImageFallbacks fallbacks) {
        return new LxdSettings(socket, url, clientCertificate, clientKey, serverCertificate, dataDir, project,
                operationTimeout, createTimeout, stopTimeout, requestTimeout, healthInterval, fallbacks,
                execOutputLimitBytes, bridge);
    }

    public LxdSettings withStopTimeout(Duration timeout) {
        return new LxdSettings(socket, url, clientCertificate, clientKey, serverCertificate, dataDir, project,
                operationTimeout, createTimeout, timeout, requestTimeout, healthInterval, imageFallbacks,
                execOutputLimitBytes, bridge);
    }

    public LxdSettings withBridge(BridgeSettings managed) {
        return new LxdSettings(socket, url, clientCertificate, clientKey, serverCertificate, dataDir, project,
                operationTimeout, createTimeout, stopTimeout, requestTimeout, healthInterval, imageFallbacks,
                execOutputLimitBytes, managed);
    }

    public boolean remote() {
        return url != null;
    }

    /**
     * The configured socket when it exists or was set explicitly to something other than the default; otherwise
     * the first existing of the snap and Incus sockets; otherwise the configured one (LXD may appear later).
     */
    static Path resolveSocket(String configured, java.util.function.Predicate<Path> exists) {
        String wanted = blankToNull(configured) == null ? DEFAULT_SOCKET : configured.trim();
        Path path = Path.of(wanted);
        if (exists.test(path) || !wanted.equals(DEFAULT_SOCKET)) {
            return path;
        }
        return FALLBACK_SOCKETS.stream().map(Path::of).filter(exists).findFirst().orElse(path);
    }

    /** {@code ${karaf.data}/lxd}, else {@code $AXION_DATA/lxd}, else {@code ~/.axion/lxd}. */
    static Path defaultDataDir() {
        return Optional.ofNullable(System.getProperty("karaf.data"))
                .or(() -> Optional.ofNullable(System.getenv("AXION_DATA")))
                .map(Path::of)
                .orElseGet(() -> Path.of(System.getProperty("user.home"), ".axion"))
                .resolve("lxd");
    }

    private static Path pathOrNull(String value) {
        return blankToNull(value) == null ? null : Path.of(value.trim());
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

}
