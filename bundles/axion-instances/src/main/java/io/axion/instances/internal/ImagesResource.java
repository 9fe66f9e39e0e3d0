package io.axion.instances.internal;

import io.axion.api.auth.Roles;
import io.axion.api.lxd.ImageInfo;
import io.axion.api.lxd.LxdImages;
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
    private LxdImages images;

    @GET
    public List<ImageInfo> list() {
        return images.list();
    }
}
