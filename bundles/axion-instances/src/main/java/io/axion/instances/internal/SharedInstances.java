package io.axion.instances.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.axion.api.cluster.ClusterService;
import io.axion.api.cluster.SharedMapListener;
import io.axion.api.lxd.InstanceInfo;
import java.util.Map;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every host's instances in the cluster's shared map {@value #MAP}, written by the host's owner and mirrored by every
 * node into its {@link InstanceView}. A key is {@code host/name}; a value is the JSON of LXD's description with the
 * stamp of the read it came from. JSON, so that Hazelcast never has to load an Axion class.
 */
final class SharedInstances {
    private static final Logger LOG = LoggerFactory.getLogger(SharedInstances.class);
    static final String MAP = "instances";

    /** What the map holds for one instance. */
    record Stamped(long stamp, InstanceInfo info) {
    }

    /** Told of each change made by any node. */
    interface Listener {
        void updated(String host, Stamped instance);

        void removed(String host, String name);
    }

    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private final ClusterService cluster;
    private final ConcurrentMap<String, String> map;

    SharedInstances(ClusterService cluster) {
        this.cluster = cluster;
        this.map = cluster.sharedMap(MAP);
    }

    void put(String host, InstanceInfo info, long stamp) {
        map.put(key(host, info.name()), write(new Stamped(stamp, info)));
    }

    void remove(String host, String name) {
        map.remove(key(host, name));
    }

    /** Subscribes first, so that a change made while {@link #forEach} runs is not missed. */
    AutoCloseable listen(Listener listener) {
        return cluster.listen(MAP, new SharedMapListener() {
            @Override
            public void entryUpdated(String key, String value) {
                int slash = key.indexOf('/');
                Stamped stamped = read(value);
                if (slash > 0 && stamped != null) {
                    listener.updated(key.substring(0, slash), stamped);
                }
            }

            @Override
            public void entryRemoved(String key) {
                int slash = key.indexOf('/');
                if (slash > 0) {
                    listener.removed(key.substring(0, slash), key.substring(slash + 1));
                }
            }
        });
    }

    /** Every instance the map holds now. */
    void forEach(Listener listener) {
        for (Map.Entry<String, String> entry : map.entrySet()) {
            int slash = entry.getKey().indexOf('/');
            Stamped stamped = read(entry.getValue());
            if (slash > 0 && stamped != null) {
                listener.updated(entry.getKey().substring(0, slash), stamped);
            }
        }
    }

    /** Removes every entry of a host (it was removed from the cluster). */
    void removeHost(String host) {
        String prefix = host + "/";
        map.keySet().stream().filter(k -> k.startsWith(prefix)).toList().forEach(map::remove);
    }

    private static String key(String host, String name) {
        return host + "/" + name;
    }

    private String write(Stamped stamped) {
        try {
            return json.writeValueAsString(stamped);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("An instance description is not JSON-compatible", e);
        }
    }

    private Stamped read(String value) {
        try {
            return json.readValue(value, Stamped.class);
        } catch (JsonProcessingException e) {
            LOG.warn("Ignoring an unreadable shared instance entry: {}", e.getOriginalMessage());
            return null;
        }
    }
}
