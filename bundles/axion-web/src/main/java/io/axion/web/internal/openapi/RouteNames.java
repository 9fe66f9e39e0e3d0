package io.axion.web.internal.openapi;

import java.util.Locale;
import java.util.SortedSet;
import java.util.TreeSet;
import org.glassfish.jersey.server.model.Resource;
import org.glassfish.jersey.server.model.ResourceMethod;

/**
 * Routes as {@code METHOD /path} text ({@code GET /api/v1/instances/{name}}), the way the OpenAPI document names
 * them: what readiness compares between what bundles declare and what Jersey serves.
 */
public final class RouteNames {
    private RouteNames() {
    }

    /** The routes of JAX-RS resources and their sub-resources; Jersey's own OPTIONS and HEAD answers left out. */
    public static SortedSet<String> of(Iterable<Resource> roots) {
        SortedSet<String> routes = new TreeSet<>();
        for (Resource root : roots) {
            walk(root, "", routes);
        }
        return routes;
    }

    /** The routes a resource class serves wherever it is registered. */
    public static SortedSet<String> ofClass(Class<?> resourceClass) {
        return of(java.util.List.of(Resource.from(resourceClass)));
    }

    private static void walk(Resource resource, String prefix, SortedSet<String> routes) {
        String path = OpenApiDocument.join(prefix, resource.getPath());
        for (ResourceMethod method : resource.getResourceMethods()) {
            if (!method.isExtended()) {
                routes.add(method.getHttpMethod().toUpperCase(Locale.ROOT) + " " + (path.isEmpty() ? "/" : path));
            }
        }
        for (Resource child : resource.getChildResources()) {
            walk(child, path, routes);
        }
    }
}
