package io.axion.web.internal.system;

import io.axion.api.cluster.ClusterService;
import io.axion.api.host.HostService;
import io.axion.api.lxd.LxdStatus;
import io.axion.api.web.RestResource;
import io.axion.web.internal.health.ReadinessChecks;
import io.axion.web.internal.health.ReadinessChecks.Check;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * {@code GET /api/v1/health} is readiness: 200 {@code ok} only when every readiness check passes (store, LXD, the
 * cluster membership, every installed feature's routes, Karaf's boot), else 503 {@code degraded}; both list every
 * check. {@code GET /api/v1/health/live} is liveness: 200 while the JVM and the web server serve.
 */
@Component(service = RestResource.class)
@Path("/api/v1/health")
public class HealthResource implements RestResource {

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile HostService hosts;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile ClusterService cluster;

    @Reference
    private ReadinessChecks readiness;

    private String version;

    /** {@code lxd} and {@code cluster} are the body's first fields, kept for the clients that read them. */
    public record Health(String status, String version, String node, Lxd lxd, Cluster cluster, List<Check> checks) {
    }

    /** This node's view of LXD: the hosts it owns, and whether each answers. */
    public record Lxd(boolean reachable, String serverVersion, List<String> hosts) {
    }

    public record Cluster(int members) {
    }

    public record Live(String status, String version, String node) {
    }

    @Activate
    void activate(BundleContext context) {
        version = context.getBundle().getVersion().toString();
    }

    @GET
    @PermitAll
    @Produces(MediaType.APPLICATION_JSON)
    public Response health() {
        List<Check> checks = readiness.run();
        boolean ready = checks.stream().allMatch(Check::ok);
        HostService hostsNow = hosts;
        ClusterService clusterNow = cluster;
        Set<String> owned = hostsNow == null ? Set.of() : hostsNow.localHosts();
        // Reachable when every host this node owns answers (a node that owns none has no LXD to miss).
        boolean reachable = hostsNow != null && owned.stream().allMatch(h -> status(hostsNow, h).reachable());
        String serverVersion = owned.stream().map(h -> status(hostsNow, h).serverVersion())
                .flatMap(Optional::stream).findFirst().orElse(null);
        Health health = new Health(ready ? "ok" : "degraded", version, node(clusterNow),
                new Lxd(reachable, serverVersion, owned.stream().sorted().toList()),
                new Cluster(clusterNow != null ? clusterNow.members().size() : 0), checks);
        return Response.status(ready ? Response.Status.OK : Response.Status.SERVICE_UNAVAILABLE).entity(health).build();
    }

    @GET
    @Path("live")
    @PermitAll
    @Produces(MediaType.APPLICATION_JSON)
    public Live live() {
        return new Live("ok", version, node(cluster));
    }

    private static LxdStatus status(HostService hosts, String host) {
        return hosts.lxd(host).status();
    }

    private static String node(ClusterService cluster) {
        if (cluster != null) {
            return cluster.localNodeId();
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
