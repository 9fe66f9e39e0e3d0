package io.axion.web.internal.jaxrs;

import io.axion.api.auth.Authenticator;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import java.util.Optional;
import java.util.function.Supplier;

/** Binds bearer authentication to every resource method that is not explicitly {@code @PermitAll}. */
final class SecureByDefault implements DynamicFeature {
    private final BearerAuthenticationFilter filter;

    SecureByDefault(Supplier<Optional<Authenticator>> authenticator) {
        this.filter = new BearerAuthenticationFilter(authenticator);
    }

    @Override
    public void configure(ResourceInfo resource, FeatureContext context) {
        boolean open = resource.getResourceMethod().isAnnotationPresent(PermitAll.class)
                || (resource.getResourceClass().isAnnotationPresent(PermitAll.class)
                && !resource.getResourceMethod().isAnnotationPresent(RolesAllowed.class));
        if (!open) {
            context.register(filter);
        }
    }
}
