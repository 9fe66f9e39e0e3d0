package io.axion.web.internal.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.axion.web.internal.openapi.RouteNames;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RoutesCheckTest {
    @Path("/api/v1/things")
    public static final class Things {
        @GET
        public String list() {
            return "[]";
        }

        @POST
        @Path("{name: [a-z]+}/start")
        public void start() {
        }

        @DELETE
        @Path("/{name}")
        public void delete() {
        }
    }

    @Test
    void aResourceClassNamesItsRoutesAsTheOpenApiDocumentDoes() {
        assertThat(RouteNames.ofClass(Things.class)).containsExactly(
                "DELETE /api/v1/things/{name}", "GET /api/v1/things", "POST /api/v1/things/{name}/start");
    }

    @Test
    void listsPerBundleTheDeclaredRoutesThatAreNotServed() {
        Map<String, Set<String>> declared = Map.of(
                "axion-things", Set.of("GET /api/v1/things", "DELETE /api/v1/things/{name}"),
                "axion-jobs", Set.of("GET /api/v1/jobs"));
        Set<String> served = Set.of("GET /api/v1/jobs", "GET /api/v1/things", "GET /api/v1/health");

        assertThat(RoutesCheck.missing(declared, served))
                .containsOnlyKeys("axion-things")
                .containsEntry("axion-things", new java.util.TreeSet<>(Set.of("DELETE /api/v1/things/{name}")));
        assertThat(RoutesCheck.missing(declared, Set.of("GET /api/v1/jobs", "GET /api/v1/things",
                "DELETE /api/v1/things/{name}"))).isEmpty();
    }
}
