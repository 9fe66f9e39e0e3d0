package io.axion.hosts.internal;

import io.axion.api.host.Host;
import io.axion.api.host.HostCapacity;
import io.axion.api.host.HostState;
import io.axion.api.instance.Instance;
import io.axion.api.instance.InstanceService;

/** Hosts as the API shows them, from their record, their owner and what the owner published. */
final class HostViews {
    private HostViews() {
    }

    /**
     * @param liveOwner the owner when it is a live member, else null
     * @param status    what the owner published, or null before its first report
     */
    static Host host(HostRecord record, String liveOwner, HostStatus status, HostCapacity allocated) {
        HostState state = liveOwner == null ? HostState.UNOWNED
                : status != null && status.online() ? HostState.ONLINE : HostState.OFFLINE;
        return new Host(record.name(), record.endpoint(), record.home(), liveOwner, state,
                liveOwner != null && status != null ? status.since() : record.createdAt(),
                status == null ? HostCapacity.NONE : status.capacity(), allocated);
    }

    /** What the instances on a host hold, from the instance view (nothing while the view is not there). */
    static HostCapacity allocated(String host, InstanceService instances) {
        if (instances == null) {
            return HostCapacity.NONE;
        }
        long cpu = 0;
        long memory = 0;
        int count = 0;
        for (Instance instance : instances.list()) {
            if (host.equals(instance.host())) {
                cpu += instance.cpu() == null ? 0 : instance.cpu();
                memory += instance.memoryMiB() == null ? 0 : instance.memoryMiB();
                count++;
            }
        }
        return new HostCapacity(cpu, memory, count);
    }
}
