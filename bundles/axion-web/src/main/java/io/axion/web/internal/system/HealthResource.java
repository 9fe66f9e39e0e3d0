package io.axion.web.internal.system;

import io.axion.api.cluster.ClusterService;
import io.axion.api.lxd.LxdStatus;
import io.axion.api.web.RestResource;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/** {@code GET /api/v1/health}: answers while the control plane serves, {@code degraded} while LXD is unreachable. */
@Component(service = RestResource.class)
@Path("/api/v1/health")
public class HealthResource implements RestResource {

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile LxdStatus lxd;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile ClusterService cluster;

    private String version;

    public record Health(String status, String version, String node, Lxd lxd, Cluster cluster) {
    }

    public record Lxd(boolean reachable, String serverVersion) {
    }

    public record Cluster(int members) {
    }

    @Activate
    void activate(BundleContext context) {
        version = context.getBundle().getVersion().toString();
    }

    @GET
    @PermitAll
    @Produces(MediaType.APPLICATION_JSON)
    public Health health() {
        LxdStatus lxdNow = lxd;
        ClusterService clusterNow = cluster;
        boolean reachable = lxdNow != null && lxdNow.reachable();
        String serverVersion = reachable ? lxdNow.serverVersion().orElse(null) : null;
        return new Health(reachable ? "ok" : "degraded", version,
                clusterNow != null ? clusterNow.localNodeId() : hostName(),
                new Lxd(reachable, serverVersion),
                new Cluster(clusterNow != null ? clusterNow.members().size() : 0));
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
