package io.axion.hosts.internal;

import io.axion.api.cluster.ClusterService;
import io.axion.api.cluster.SharedMapListener;
import io.axion.api.web.PeerOrigins;
import java.net.URI;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The origins of the URLs the nodes published ({@link NodeUrls}), kept in memory and renewed whenever the shared map
 * changes: the web bundle asks on every cross-origin request, which must cost no cluster call.
 */
@Component(service = PeerOrigins.class)
public class NodeOriginsComponent implements PeerOrigins {
    private static final Logger LOG = LoggerFactory.getLogger(NodeOriginsComponent.class);

    @Reference
    private ClusterService cluster;

    private NodeUrls urls;
    private AutoCloseable subscription;
    private volatile Set<String> origins = Set.of();

    public NodeOriginsComponent() {
    }

    NodeOriginsComponent(ClusterService cluster) {
        this.cluster = cluster;
    }

    @Activate
    void activate() {
        urls = new NodeUrls(cluster);
        try {
            subscription = cluster.listen(NodeUrls.MAP, new SharedMapListener() {
                @Override
                public void entryUpdated(String key, String value) {
                    refresh();
                }

                @Override
                public void entryRemoved(String key) {
                    refresh();
                }
            });
        } catch (UnsupportedOperationException e) {
            subscription = null; // a single member: only its own URL, read once below
        }
        refresh();
    }

    @Deactivate
    void deactivate() throws Exception {
        if (subscription != null) {
            subscription.close();
        }
    }

    @Override
    public Set<String> origins() {
        return origins;
    }

    private void refresh() {
        Set<String> fresh = new TreeSet<>();
        for (String url : urls.all().values()) {
            String origin = originOf(url);
            if (origin != null) {
                fresh.add(origin);
            }
        }
        origins = Set.copyOf(fresh);
    }

    /** {@code http://127.0.0.1:8082/} → {@code http://127.0.0.1:8082}; null for what is no http(s) URL. */
    static String originOf(String url) {
        try {
            URI uri = URI.create(url.trim());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                return null;
            }
            String host = uri.getHost().toLowerCase(Locale.ROOT);
            return scheme + "://" + host + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
        } catch (IllegalArgumentException e) {
            LOG.debug("A node published a URL that is none: {}", url);
            return null;
        }
    }
}
