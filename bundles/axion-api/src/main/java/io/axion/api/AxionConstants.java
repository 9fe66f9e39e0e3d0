package io.axion.api;

/**
 * Configuration PIDs and well-known names shared across bundles. Defaults of each component's settings live
 * in that component's typed configuration; the cfg files in {@code etc/} layer environment variables on top.
 */
public final class AxionConstants {
    public static final String API_BASE = "/api/v1";

    public static final String PID_WEB = "io.axion.web";
    public static final String PID_STORE = "io.axion.store";
    public static final String PID_CLUSTER = "io.axion.cluster";
    public static final String PID_LXD = "io.axion.lxd";
    public static final String PID_JOBS = "io.axion.jobs";
    public static final String PID_QUOTA = "io.axion.quota";
    public static final String PID_NETWORK = "io.axion.network";
    public static final String PID_FILES = "io.axion.files";
    public static final String PID_AUTH = "io.axion.auth";
    public static final String PID_TELEMETRY = "io.axion.telemetry";

    /** Service property naming the capability a bundle contributes (reported by {@code /api/v1/capabilities}). */
    public static final String CAPABILITY_PROPERTY = "axion.capability";

    private AxionConstants() {
    }
}
