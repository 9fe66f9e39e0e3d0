package io.axion.api.health;

/**
 * Names shared by readiness ({@code GET /api/v1/health}) and the bundles that take part in it.
 * <p>
 * A bundle takes part by registering an Apache Felix {@code org.apache.felix.hc.api.HealthCheck} service with
 * {@code hc.name} one of its own check names and {@code hc.tags} {@link #TAG}, and by naming those checks in its
 * manifest ({@link #CHECKS_HEADER}): while the bundle is installed and meant to run, a declared check that is not
 * registered counts as failing, so a bundle whose components did not come up cannot look healthy by its absence.
 * The REST resources a bundle serves are declared the same way ({@link #RESOURCES_HEADER}, filled in by the build),
 * and readiness holds only while the web server's current application serves every one of their routes.
 */
public final class Readiness {
    /** The Felix health-check tag of every check readiness runs. */
    public static final String TAG = "axion-ready";

    /** Manifest header: comma-separated names of the readiness checks the bundle registers while it runs. */
    public static final String CHECKS_HEADER = "Axion-Health-Checks";

    /**
     * Manifest header: comma-separated class names of the bundle's {@link io.axion.api.web.RestResource}s. The
     * build fills it in ({@code $[classes;IMPLEMENTS;io.axion.api.web.RestResource]} in the bundle plugin's
     * instructions), so it cannot go stale.
     */
    public static final String RESOURCES_HEADER = "Axion-Rest-Resources";

    public static final String STORE = "store";
    public static final String LXD = "lxd";
    public static final String CLUSTER = "cluster";
    public static final String ROUTES = "routes";
    public static final String BOOT = "boot";

    private Readiness() {
    }
}
