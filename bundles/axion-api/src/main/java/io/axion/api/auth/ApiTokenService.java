package io.axion.api.auth;

import java.time.Instant;
import java.util.List;

/**
 * API tokens administered on behalf of their owners, for the shell and other in-process callers; the REST routes
 * under {@code /api/v1/tokens} apply the same rules to the caller's own tokens.
 */
public interface ApiTokenService {

    /** The tokens of {@code owner}, or everyone's when it is null. */
    List<ApiToken> list(String owner);

    /**
     * Makes a token for {@code owner}. Scopes ({@code read | operate | admin}) may not reach above the owner's role;
     * {@code tenant} (optional) must be one the owner belongs to; {@code expiresAt} (optional) must lie ahead.
     *
     * @throws io.axion.api.error.NotFoundException no such user
     * @throws io.axion.api.error.ValidationException a field that breaks those rules
     */
    CreatedApiToken create(String owner, String name, List<String> scopes, String tenant, Instant expiresAt);

    /**
     * Revokes a token at once, on every node.
     *
     * @throws io.axion.api.error.NotFoundException no such token
     */
    void revoke(String id);
}
