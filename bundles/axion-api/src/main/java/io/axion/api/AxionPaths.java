package io.axion.api;

import java.nio.file.Path;

/** Where Axion keeps its state on this node. */
public final class AxionPaths {

    private AxionPaths() {
    }

    /**
     * The data folder: {@code AXION_DATA} when set, else the {@code axion.data} system property, else Karaf's
     * {@code karaf.data}, else {@code ./data}.
     */
    public static Path dataDir() {
        String env = System.getenv("AXION_DATA");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        String prop = System.getProperty("axion.data");
        if (prop != null && !prop.isBlank()) {
            return Path.of(prop);
        }
        return Path.of(System.getProperty("karaf.data", "data"));
    }
}
