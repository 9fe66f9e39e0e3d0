package io.axion.network.internal;

import java.util.concurrent.locks.LockSupport;

/**
 * The shared in-memory LXD, with a moment's latency on adding a proxy device as LXD's instance update has: requests
 * that race for a port overlap inside the add, so only the manager's locking can keep them apart.
 */
final class FakeLxd extends io.axion.testing.FakeLxd {
    @Override
    protected void call(String what) {
        super.call(what);
        if (what.equals("addForward")) {
            LockSupport.parkNanos(1_000_000);
        }
    }
}
