package io.axion.cluster.internal;

import com.hazelcast.map.IMap;
import io.axion.api.cluster.ClusterLock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A lock held as a map entry whose time-to-live is the lease. Unlike {@code IMap.lock} it is not bound to the
 * thread that took it, so a job can release it from whichever thread finishes the work.
 */
final class LeasedMapLock implements ClusterLock {
    private final IMap<String, String> locks;
    private final String name;
    private final String token;

    LeasedMapLock(IMap<String, String> locks, String name, String token) {
        this.locks = locks;
        this.name = name;
        this.token = token;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean extend(Duration lease) {
        if (!token.equals(locks.get(name))) {
            return false;
        }
        return locks.setTtl(name, lease.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        locks.remove(name, token);
    }
}
