package io.axion.web.internal.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.glassfish.jersey.server.model.Resource;
import org.glassfish.jersey.server.model.ResourceModel;
import org.junit.jupiter.api.Test;

class OpenApiDocumentTest {

    public record Thing(String name, int size, Instant createdAt, List<String> tags) {
    }

    @Path("/api/v1/things")
    public static class Things {
        @GET
        public List<Thing> list(@QueryParam("limit") Integer limit) {
            return List.of();
        }

        @POST
        @RolesAllowed("operator")
        public Thing create(Thing thing) {
            return thing;
        }

        @DELETE
        @Path("{name: [a-z]+}")
        @RolesAllowed("admin")
        public void delete(@PathParam("name") String name) {
        }
    }

    @Path("/api/v1/open")
    public static class Open {
        @GET
        @PermitAll
        public String ping() {
            return "pong";
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void describesEveryServedRouteWithItsParametersSchemasAndSecurity() {
        ResourceModel model = new ResourceModel.Builder(
                List.of(Resource.from(Things.class), Resource.from(Open.class)), false).build();
        Map<String, Object> document = OpenApiDocument.build(model, "1.0");

        assertThat(OpenApiDocument.routes(document)).containsExactlyInAnyOrder(
                "GET /api/v1/things", "POST /api/v1/things", "DELETE /api/v1/things/{name}", "GET /api/v1/open");
        Map<String, Map<String, Map<String, Object>>> paths = (Map<String, Map<String, Map<String, Object>>>) document.get("paths");
        assertThat(paths.get("/api/v1/things").get("post")).containsEntry("x-roles", List.of("operator"))
                .containsKey("requestBody");
        assertThat(paths.get("/api/v1/things/{name}").get("delete").get("parameters").toString()).contains("in=path");
        assertThat(paths.get("/api/v1/open").get("get").get("security")).isEqualTo(List.of());

        Map<String, Object> schemas = (Map<String, Object>) ((Map<String, Object>) document.get("components")).get("schemas");
        assertThat(schemas).containsKeys("Thing", "Problem");
        Map<String, Object> thing = (Map<String, Object>) schemas.get("Thing");
        Map<String, Object> properties = (Map<String, Object>) thing.get("properties");
        assertThat(properties.get("createdAt")).isEqualTo(Map.of("type", List.of("string", "null"), "format",
                "date-time"));
        assertThat(properties.get("tags")).isEqualTo(Map.of("type", List.of("array", "null"), "items",
                Map.of("type", "string")));
        assertThat(thing.get("required")).isEqualTo(List.of("size"));
    }

    @Test
    void joinsTemplatesWithoutTheirExpressions() {
        assertThat(OpenApiDocument.join("/api/v1/x", "{path: .*}")).isEqualTo("/api/v1/x/{path}");
        assertThat(OpenApiDocument.join("", "/api/v1/health")).isEqualTo("/api/v1/health");
        assertThat(OpenApiDocument.join("/a/", "/b/")).isEqualTo("/a/b");
    }
}
