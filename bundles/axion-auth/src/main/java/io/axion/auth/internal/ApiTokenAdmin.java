package io.axion.auth.internal;

import io.axion.api.auth.ApiToken;
import io.axion.api.auth.ApiTokenService;
import io.axion.api.auth.CreatedApiToken;
import io.axion.api.error.NotFoundException;
import java.time.Instant;
import java.util.List;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@link ApiTokenService} over the auth bundle's tokens: a token made here acts with its owner's role, as a login. */
@Component(service = ApiTokenService.class)
public class ApiTokenAdmin implements ApiTokenService {

    @Reference
    private AuthService auth;

    public ApiTokenAdmin() {
    }

    ApiTokenAdmin(AuthService auth) {
        this.auth = auth;
    }

    @Override
    public List<ApiToken> list(String owner) {
        return auth.apiTokens().list(owner).stream().map(ApiTokenAdmin::view).toList();
    }

    @Override
    public CreatedApiToken create(String owner, String name, List<String> scopes, String tenant, Instant expiresAt) {
        UserRecord.UserState user = auth.users().state(owner == null ? "" : owner)
                .orElseThrow(() -> new NotFoundException("User", owner));
        ApiTokens.Created created = auth.apiTokens().create(user, name, scopes, tenant, expiresAt);
        return new CreatedApiToken(view(created.token()), created.secret());
    }

    @Override
    public void revoke(String id) {
        auth.apiTokens().revoke(id, null, true);
    }

    private static ApiToken view(ApiTokenRecord token) {
        return new ApiToken(token.id(), token.name(), token.owner(), token.scopes(), token.tenant(),
                token.createdAt(), token.expiresAt(), token.lastUsedAt());
    }
}
