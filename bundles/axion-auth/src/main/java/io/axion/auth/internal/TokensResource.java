package io.axion.auth.internal;

import io.axion.api.AxionConstants;
import io.axion.api.auth.Roles;
import io.axion.api.error.ValidationException;
import io.axion.api.web.RestResource;
import io.axion.auth.internal.ApiTypes.ApiTokenView;
import io.axion.auth.internal.ApiTypes.CreatedApiToken;
import io.axion.auth.internal.ApiTypes.NewApiToken;
import io.axion.auth.internal.UserRecord.UserState;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.net.URI;
import java.util.List;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code /api/v1/tokens}: everyone manages their own API tokens; admins see ({@code ?all=true}) and revoke anyone's.
 * A token never reaches above the role of whoever makes it (a request made with a read token makes read tokens).
 */
@Component(service = RestResource.class)
@Path("/api/v1/tokens")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.VIEWER)
public class TokensResource implements RestResource {

    @Reference
    private AuthService auth;

    @GET
    public List<ApiTokenView> list(@QueryParam("all") boolean all, @Context SecurityContext security) {
        String owner = all && security.isUserInRole(Roles.ADMIN) ? null : Callers.name(security);
        return auth.apiTokens().list(owner).stream().map(ApiTokenView::of).toList();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(NewApiToken body, @Context SecurityContext security) {
        if (body == null) {
            throw new ValidationException("body", "a JSON object {name, scopes, tenant?, expiresAt?} is required");
        }
        UserState caller = auth.currentUser(Callers.name(security));
        UserState actingAs = new UserState(caller.username(), caller.userId(), roleOf(security),
                caller.tokenGeneration());
        ApiTokens.Created created = auth.apiTokens().create(actingAs, body.name(), body.scopes(), body.tenant(),
                body.expiresAt());
        ApiTokenRecord token = created.token();
        return Response.created(URI.create(AxionConstants.API_BASE + "/tokens/" + token.id()))
                .entity(new CreatedApiToken(token.id(), token.name(), token.owner(), token.scopes(), token.tenant(),
                        token.createdAt(), token.expiresAt(), created.secret()))
                .build();
    }

    @DELETE
    @Path("{id}")
    public Response revoke(@PathParam("id") String id, @Context SecurityContext security) {
        auth.apiTokens().revoke(id, Callers.name(security), security.isUserInRole(Roles.ADMIN));
        return Response.noContent().build();
    }

    /** The role this request acts with (a token's, when a token made it). */
    private static String roleOf(SecurityContext security) {
        if (security.isUserInRole(Roles.ADMIN)) {
            return Roles.ADMIN;
        }
        return security.isUserInRole(Roles.OPERATOR) ? Roles.OPERATOR : Roles.VIEWER;
    }
}
