package io.axion.lxd.internal;

import io.axion.api.lxd.LxdServer;
import io.axion.api.lxd.ServerResources;

/** The LXD host's resources, cached for a minute (the hardware does not change under a running Axion). */
public final class LxdServerService implements LxdServer {
    private static final long CACHE_NANOS = 60_000_000_000L;

    private final LxdConnection lxd;
    private volatile ServerResources cached;
    private volatile String cachedJson;
    private volatile long cachedAt;

    public LxdServerService(LxdConnection lxd) {
        this.lxd = lxd;
    }

    @Override
    public ServerResources resources() {
        ServerResources resources = cached;
        if (resources == null || System.nanoTime() - cachedAt > CACHE_NANOS) {
            resources = refresh();
        }
        return resources;
    }

    @Override
    public String resourcesJson() {
        String json = cachedJson;
        if (json == null || System.nanoTime() - cachedAt > CACHE_NANOS) {
            refresh();
            json = cachedJson;
        }
        return json;
    }

    private ServerResources refresh() {
        var metadata = lxd.get("/1.0/resources", Subject.server(), "read LXD's resources").metadata();
        ServerResources resources = LxdJson.resources(metadata);
        cachedJson = metadata.toString();
        cached = resources;
        cachedAt = System.nanoTime();
        return resources;
    }

    @Override
    public String project() {
        return lxd.project();
    }
}
