package io.axion.hosts.internal;

import io.axion.api.AxionConstants;
import io.axion.api.cluster.ClusterMember;
import io.axion.api.cluster.ClusterService;
import io.axion.api.host.ClusterOverview;
import io.axion.api.host.ClusterOverviewService;
import io.axion.api.host.Host;
import io.axion.api.host.HostService;
import io.axion.api.job.Job;
import io.axion.api.job.JobFilter;
import io.axion.api.job.JobService;
import io.axion.api.job.JobState;
import io.axion.api.placement.PlacementPolicy;
import java.io.IOException;
import java.util.Comparator;
import java.util.Dictionary;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link ClusterOverviewService}: members, hosts and running jobs read together, and this node's URL
 * published to the others ({@link NodeUrls}) while it runs.
 */
@Component(service = ClusterOverviewService.class, configurationPid = HostsConfig.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
public class ClusterOverviewComponent implements ClusterOverviewService {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterOverviewComponent.class);

    @Reference
    ClusterService cluster;

    @Reference
    HostService hosts;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile JobService jobs;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile PlacementPolicy placement;

    /** Only read at activation, for the web server's settings when {@code publicUrl} is not set. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL)
    ConfigurationAdmin configAdmin;

    private NodeUrls urls;

    @Activate
    void activate(HostsConfig config) {
        urls = new NodeUrls(cluster);
        String url = PublicUrl.resolve(config.publicUrl(), webSettings());
        if (url == null) {
            LOG.info("This node publishes no URL: set publicUrl (AXION_PUBLIC_URL) for clients to fail over to it");
            return;
        }
        urls.publish(cluster.localNodeId(), url);
        LOG.info("This node answers at {}", url);
    }

    @Deactivate
    void deactivate() {
        urls.withdraw();
    }

    @Override
    public ClusterOverview overview() {
        List<Host> all = hosts.list();
        Map<String, Long> running = runningByNode();
        Map<String, String> urlsByNode = urls.all();
        List<ClusterOverview.NodeView> nodes = cluster.members().stream()
                .sorted(Comparator.comparing(ClusterMember::name))
                .map(member -> new ClusterOverview.NodeView(member.name(), member.address(),
                        urlsByNode.get(member.name()), ClusterOverview.NodeView.UP, member.since(), member.local(),
                        all.stream().filter(h -> member.name().equals(h.owner())).map(Host::name).toList(),
                        running.getOrDefault(member.name(), 0L)))
                .toList();
        PlacementPolicy policy = placement;
        return new ClusterOverview(hosts.localNode(), policy == null ? null : policy.name(), nodes, all);
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

    private Dictionary<String, Object> webSettings() {
        ConfigurationAdmin admin = configAdmin;
        if (admin == null) {
            return null;
        }
        try {
            // listConfigurations, not getConfiguration: that would create an empty io.axion.web when it is missing.
            Configuration[] found = admin.listConfigurations(
                    "(" + Constants.SERVICE_PID + "=" + AxionConstants.PID_WEB + ")");
            return found == null || found.length == 0 ? null : found[0].getProperties();
        } catch (IOException | InvalidSyntaxException e) {
            LOG.debug("Cannot read the web server's settings", e);
            return null;
        }
    }
}
