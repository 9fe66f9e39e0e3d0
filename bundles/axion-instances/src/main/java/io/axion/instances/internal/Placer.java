package io.axion.instances.internal;

import io.axion.api.error.NotFoundException;
import io.axion.api.host.Host;
import io.axion.api.host.HostCapacity;
import io.axion.api.host.HostService;
import io.axion.api.host.HostState;
import io.axion.api.instance.CreateInstance;
import io.axion.api.placement.HostCandidate;
import io.axion.api.placement.Placement;
import io.axion.api.placement.PlacementPolicy;
import io.axion.api.placement.PlacementRequest;
import io.axion.api.quota.HostQuota;
import io.axion.api.quota.QuotaExceededException;
import io.axion.api.quota.QuotaService;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Where a new instance goes: the host the request names (which must exist), else the placement policy's choice
 * among the hosts, each with its ceiling and allocation from the quota governor (or, without one, its physical
 * capacity and its instances' limits).
 */
final class Placer {
    private final HostService hosts;
    private final Supplier<QuotaService> quota;
    private final Supplier<PlacementPolicy> policy;

    Placer(HostService hosts, Supplier<QuotaService> quota, Supplier<PlacementPolicy> policy) {
        this.hosts = hosts;
        this.quota = quota;
        this.policy = policy;
    }

    Placement place(CreateInstance request, String user) {
        if (request.host() != null) {
            hosts.find(request.host()).orElseThrow(() -> new NotFoundException("Host", request.host()));
            return Placement.on(request.host());
        }
        PlacementPolicy chooser = policy.get();
        List<HostCandidate> candidates = candidates();
        if (chooser == null) {
            // Without any policy (a feature being swapped), the only host, if there is just one.
            if (candidates.size() == 1) {
                return Placement.on(candidates.get(0).name());
            }
            throw new QuotaExceededException("No placement policy is active; name a host");
        }
        PlacementRequest placement = new PlacementRequest(request.name(), user, request.cpu(), request.memoryMiB(),
                request.diskGiB(), null, request.schedulingOptions());
        return chooser.place(placement, candidates).orElseThrow(() -> new QuotaExceededException(
                "No host has room for instance '" + request.name() + "' (cpu " + request.cpu() + ", memoryMiB "
                        + request.memoryMiB() + ")"));
    }

    void release(String instance) {
        PlacementPolicy chooser = policy.get();
        if (chooser != null) {
            chooser.release(instance);
        }
    }

    List<HostCandidate> candidates() {
        List<Host> all = hosts.list();
        QuotaService governor = quota.get();
        Map<String, HostQuota> shares = governor == null ? Map.of() : governor.quota().hosts().stream()
                .collect(Collectors.toMap(HostQuota::host, Function.identity()));
        List<HostCandidate> candidates = new ArrayList<>(all.size());
        for (Host host : all) {
            HostQuota share = shares.get(host.name());
            HostCapacity capacity = share == null ? host.capacity()
                    : new HostCapacity(share.cpu().limit(), share.memoryMiB().limit(), 0);
            HostCapacity allocated = share == null ? host.allocated()
                    : new HostCapacity(share.cpu().allocated(), share.memoryMiB().allocated(),
                    host.allocated().instances());
            candidates.add(new HostCandidate(host.name(), host.state() == HostState.ONLINE, capacity, allocated));
        }
        return candidates;
    }
}
