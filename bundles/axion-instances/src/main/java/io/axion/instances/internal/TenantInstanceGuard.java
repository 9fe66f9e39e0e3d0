package io.axion.instances.internal;

import io.axion.api.AxionConstants;
import io.axion.api.error.NotFoundException;
import io.axion.api.instance.Instance;
import io.axion.api.instance.InstanceService;
import io.axion.api.tenant.TenantScope;
import io.axion.api.web.RestProvider;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.PathSegment;
import java.util.List;
import java.util.Optional;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Tenant isolation for every route under {@code /api/v1/instances/{name}}, whichever bundle serves it (files,
 * snapshots, forwards, backups, stats, and routes yet to come): another tenant's instance answers 404 exactly as a
 * missing one does, before the route's resource runs, so nothing reaches LXD or the store. It runs after the role
 * checks, so a refusal for the role (403) tells nothing either. A request without a tenant scope (no auth feature)
 * or of a global admin naming no tenant passes.
 */
@Component(service = RestProvider.class)
@Priority(Priorities.AUTHORIZATION + 10)
public class TenantInstanceGuard implements ContainerRequestFilter, RestProvider {
    /** {@code /api/v1/instances} as path segments. */
    private static final List<String> PREFIX = List.of(AxionConstants.API_BASE.substring(1).split("/"));

    @Reference
    private InstanceService instances;

    public TenantInstanceGuard() {
    }

    TenantInstanceGuard(InstanceService instances) {
        this.instances = instances;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        TenantScope scope = TenantScope.from(request.getProperty(TenantScope.REQUEST_PROPERTY));
        if (scope == null || scope.all()) {
            return;
        }
        instanceNamed(request).flatMap(instances::find).filter(i -> !scope.sees(i.tenant()))
                .ifPresent(foreign -> {
                    throw notFound(foreign);
                });
    }

    /** The {@code {name}} of a route under {@code /api/v1/instances/{name}}, if this request is one. */
    static Optional<String> instanceNamed(ContainerRequestContext request) {
        List<PathSegment> segments = request.getUriInfo().getPathSegments(true);
        int at = PREFIX.size() + 1;
        if (segments.size() <= at || !"instances".equals(segments.get(at - 1).getPath())) {
            return Optional.empty();
        }
        for (int i = 0; i < PREFIX.size(); i++) {
            if (!PREFIX.get(i).equals(segments.get(i).getPath())) {
                return Optional.empty();
            }
        }
        String name = segments.get(at).getPath();
        List<String> matched = request.getUriInfo().getPathParameters(true).get("name");
        return matched != null && matched.contains(name) ? Optional.of(name) : Optional.empty();
    }

    private static NotFoundException notFound(Instance instance) {
        return new NotFoundException("Instance", instance.name());
    }
}
