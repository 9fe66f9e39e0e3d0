package io.axion.web.internal.openapi;

import io.axion.web.internal.console.ConsoleResource;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.glassfish.jersey.server.ExtendedResourceContext;

/** {@code GET /api/v1/openapi.json}: the OpenAPI document of the routes served at this moment. */
@Path("/api/v1/openapi.json")
public class OpenApiResource {
    private final String version;

    public OpenApiResource(String version) {
        this.version = version;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> document(@Context ExtendedResourceContext context) {
        return OpenApiDocument.build(context.getResourceModel(), version, ConsoleResource.class);
    }
}
