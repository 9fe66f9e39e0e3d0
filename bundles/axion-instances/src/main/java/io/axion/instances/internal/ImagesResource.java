package io.axion.instances.internal;

import io.axion.api.auth.Roles;
import io.axion.api.lxd.ImageInfo;
import io.axion.api.host.Host;
import io.axion.api.host.HostService;
import io.axion.api.host.HostState;
import jakarta.ws.rs.QueryParam;
import java.util.LinkedHashMap;
import java.util.Map;
import io.axion.api.web.RestResource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code GET /api/v1/images}: the images LXD holds, to create instances from (shared/API.md). */
@Component(service = RestResource.class)
@Path("/api/v1/images")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.VIEWER)
public class ImagesResource implements RestResource {

    @Reference
    private HostService hosts;

    /** The images of one host ({@code ?host=}), else those of every online host, each fingerprint once. */
    @GET
    public List<ImageInfo> list(@QueryParam("host") String host) {
        if (host != null && !host.isBlank()) {
            return hosts.lxd(hosts.get(host).name()).images().list();
        }
        Map<String, ImageInfo> byFingerprint = new LinkedHashMap<>();
        for (Host each : hosts.list()) {
            if (each.state() == HostState.ONLINE) {
                hosts.lxd(each.name()).images().list().forEach(i -> byFingerprint.putIfAbsent(i.fingerprint(), i));
            }
        }
        return List.copyOf(byFingerprint.values());
    }
}
