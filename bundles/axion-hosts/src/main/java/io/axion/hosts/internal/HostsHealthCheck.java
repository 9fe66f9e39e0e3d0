package io.axion.hosts.internal;

import io.axion.api.health.Readiness;
import io.axion.api.host.HostService;
import io.axion.api.lxd.LxdHost;
import java.util.ArrayList;
import java.util.List;
import org.apache.felix.hc.api.HealthCheck;
import org.apache.felix.hc.api.Result;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Readiness of LXD as this node sees it: every host the node owns answers and streams its events, from the status
 * each host's connection keeps current (no call to LXD per health request). Without events what Axion shows of a
 * host goes stale. A node that owns no host (a survivor whose peers hold them all) has no LXD to miss.
 */
@Component(service = HealthCheck.class,
        property = {HealthCheck.NAME + "=" + Readiness.LXD, HealthCheck.TAGS + "=" + Readiness.TAG})
public class HostsHealthCheck implements HealthCheck {
    private final HostService hosts;

    @Activate
    public HostsHealthCheck(@Reference HostService hosts) {
        this.hosts = hosts;
    }

    @Override
    public Result execute() {
        List<String> failing = new ArrayList<>();
        List<String> fine = new ArrayList<>();
        for (String host : hosts.localHosts().stream().sorted().toList()) {
            LxdHost lxd = hosts.lxd(host);
            if (!lxd.status().reachable()) {
                failing.add(host + ": LXD is unreachable");
            } else if (!lxd.events().connected()) {
                failing.add(host + ": LXD answers, but its event stream is not connected yet (reconnecting)");
            } else {
                fine.add(host + ": LXD " + lxd.status().serverVersion().orElse("(version unknown)"));
            }
        }
        if (!failing.isEmpty()) {
            return new Result(Result.Status.CRITICAL, String.join("; ", failing));
        }
        return new Result(Result.Status.OK, fine.isEmpty() ? "this node owns no host"
                : String.join("; ", fine) + " answer and stream their events");
    }
}
