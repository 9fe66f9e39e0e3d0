package io.axion.instances.internal;

import io.axion.api.error.ConflictException;
import io.axion.api.instance.Instance;
import io.axion.api.instance.PortForward;
import java.util.List;

/** What must hold before an instance may move to another host. */
final class MigrationChecks {
    private MigrationChecks() {
    }

    /** Its forwards move with it: no other instance on the target host may forward the same host port. */
    static void forwardsFree(Instance moving, String target, List<Instance> all) {
        for (PortForward forward : moving.forwards()) {
            for (Instance other : all) {
                if (!target.equals(other.host()) || other.name().equals(moving.name())) {
                    continue;
                }
                boolean clash = other.forwards().stream().anyMatch(f -> f.hostPort() == forward.hostPort()
                        && f.protocol().equals(forward.protocol()));
                if (clash) {
                    throw new ConflictException("port-in-use", "Host port " + forward.hostPort() + "/"
                            + forward.protocol() + " is forwarded to '" + other.name() + "' on host " + target);
                }
            }
        }
    }
}
