package io.axion.hosts.internal;

import io.axion.api.error.NotFoundException;
import io.axion.api.host.Host;
import io.axion.api.host.HostCapacity;
import io.axion.api.host.HostEndpoint;
import io.axion.api.host.HostService;
import io.axion.api.host.HostState;
import io.axion.api.job.Job;
import io.axion.api.job.JobFilter;
import io.axion.api.job.JobOptions;
import io.axion.api.job.JobService;
import io.axion.api.job.JobState;
import io.axion.api.lxd.LxdHost;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/** Hosts owned by any node and jobs running anywhere, for tests of what reads the whole cluster. */
final class ClusterTestFakes {
    static final Instant T = Instant.parse("2026-11-27T10:00:00Z");

    private ClusterTestFakes() {
    }

    /** A host on a local socket, owned by {@code owner} (null: unowned), with 8 cores and 16 GiB. */
    static Host host(String name, String owner) {
        return new Host(name, HostEndpoint.localSocket("/run/" + name + ".socket", "axion"), owner,
                owner, owner == null ? HostState.UNOWNED : HostState.ONLINE, T,
                new HostCapacity(8, 16384, 0), new HostCapacity(2, 1024, 1));
    }

    /** A fixed list of hosts, as {@link HostService#list} of the node {@code node} would answer. */
    record ListedHosts(String node, List<Host> hosts) implements HostService {
        @Override
        public List<Host> list() {
            return hosts;
        }

        @Override
        public Optional<Host> find(String name) {
            return hosts.stream().filter(h -> h.name().equals(name)).findFirst();
        }

        @Override
        public LxdHost lxd(String host) {
            throw new NotFoundException("Host", host);
        }

        @Override
        public Set<String> localHosts() {
            return Set.of();
        }

        @Override
        public String localNode() {
            return node;
        }
    }

    /** Jobs that exist already; {@link #list} honours the filter's state, as the engine does. */
    static final class ListedJobs implements JobService {
        private final List<Job> jobs;
        JobFilter lastFilter;

        ListedJobs(List<Job> jobs) {
            this.jobs = jobs;
        }

        static Job job(String id, JobState state, String node) {
            return new Job(id, "instance.start", "web", state, 1, 5, null, T, T, null, null, node, null, Map.of(),
                    List.of());
        }

        @Override
        public Job enqueue(String type, String instance, Object payload, JobOptions options) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<Job> find(String id) {
            return jobs.stream().filter(j -> j.id().equals(id)).findFirst();
        }

        @Override
        public List<Job> list(JobFilter filter) {
            lastFilter = filter;
            return jobs.stream().filter(j -> filter.state() == null || filter.state() == j.state())
                    .limit(filter.limit()).toList();
        }

        @Override
        public CompletionStage<Job> whenFinished(String id) {
            throw new UnsupportedOperationException();
        }
    }
}
