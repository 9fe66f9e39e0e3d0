package io.axion.web.internal.jaxrs;

import io.axion.api.auth.AuthenticatedUser;
import io.axion.api.auth.Authenticator;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Requires a valid bearer token on every route it is bound to (all but {@code @PermitAll} ones). Without an
 * {@link Authenticator} installed nothing is valid: Axion fails closed.
 */
@Priority(Priorities.AUTHENTICATION)
final class BearerAuthenticationFilter implements ContainerRequestFilter {
    private static final String PREFIX = "Bearer ";
    private final Supplier<Optional<Authenticator>> authenticator;

    BearerAuthenticationFilter(Supplier<Optional<Authenticator>> authenticator) {
        this.authenticator = authenticator;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        Optional<AuthenticatedUser> user = bearerToken(request.getHeaderString(HttpHeaders.AUTHORIZATION))
                .flatMap(token -> authenticator.get().flatMap(a -> a.authenticateBearer(token)));
        if (user.isEmpty()) {
            request.abortWith(Problem.of(401, "unauthorized", "Unauthorized",
                    "A valid bearer token is required").toResponse()
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"axion\"").build());
            return;
        }
        boolean secure = request.getSecurityContext() != null && request.getSecurityContext().isSecure();
        request.setSecurityContext(new UserSecurityContext(user.get(), secure));
    }

    static Optional<String> bearerToken(String header) {
        if (header == null || header.length() <= PREFIX.length()
                || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            return Optional.empty();
        }
        String token = header.substring(PREFIX.length()).trim();
        return token.isEmpty() ? Optional.empty() : Optional.of(token);
    }
}
