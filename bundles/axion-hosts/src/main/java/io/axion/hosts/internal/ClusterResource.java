package io.axion.hosts.internal;

import io.axion.api.auth.Roles;
import io.axion.api.cluster.ClusterMember;
import io.axion.api.cluster.ClusterService;
import io.axion.api.host.Host;
import io.axion.api.host.HostService;
import io.axion.api.job.Job;
import io.axion.api.job.JobFilter;
import io.axion.api.job.JobService;
import io.axion.api.job.JobState;
import io.axion.api.placement.PlacementPolicy;
import io.axion.api.web.RestResource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * {@code GET /api/v1/cluster}: the nodes (name, address, state, since, the hosts each owns, jobs running on each)
 * and the hosts (name, owner, state, capacity, allocated), as this node sees them now.
 */
@Component(service = RestResource.class)
@Path("/api/v1/cluster")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.VIEWER)
public class ClusterResource implements RestResource {

    @Reference
    private ClusterService cluster;

    @Reference
    private HostService hosts;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile JobService jobs;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile PlacementPolicy placement;

    @GET
    public Map<String, Object> get() {
        List<Host> all = hosts.list();
        Map<String, Long> running = runningByNode();
        List<Map<String, Object>> nodes = new ArrayList<>();
        for (ClusterMember member : cluster.members().stream()
                .sorted(Comparator.comparing(ClusterMember::name)).toList()) {
            Map<String, Object> node = new LinkedHashMap<>();
            node.put("name", member.name());
            node.put("address", member.address());
            node.put("state", "up");
            node.put("since", member.since() == null ? null : member.since().toString());
            node.put("local", member.local());
            node.put("hosts", all.stream().filter(h -> member.name().equals(h.owner())).map(Host::name).toList());
            node.put("jobsRunning", running.getOrDefault(member.name(), 0L));
            nodes.add(node);
        }
        List<Map<String, Object>> hostsJson = new ArrayList<>();
        for (Host host : all) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("name", host.name());
            json.put("owner", host.owner());
            json.put("state", host.state().label());
            json.put("since", host.since() == null ? null : host.since().toString());
            json.put("home", host.home());
            json.put("capacity", host.toJson().get("capacity"));
            json.put("allocated", host.toJson().get("allocated"));
            hostsJson.add(json);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("node", hosts.localNode());
        PlacementPolicy policy = placement;
        answer.put("placement", policy == null ? null : policy.name());
        answer.put("nodes", nodes);
        answer.put("hosts", hostsJson);
        return answer;
    }

    private Map<String, Long> runningByNode() {
        JobService engine = jobs;
        if (engine == null) {
            return Map.of();
        }
        List<Job> inProgress = engine.list(new JobFilter(null, JobState.IN_PROGRESS, JobFilter.MAX_LIMIT));
        return inProgress.stream().filter(j -> j.node() != null)
                .collect(Collectors.groupingBy(Job::node, Collectors.counting()));
    }
}
