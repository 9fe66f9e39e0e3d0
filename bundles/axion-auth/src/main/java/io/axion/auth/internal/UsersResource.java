package io.axion.auth.internal;

import io.axion.api.AxionConstants;
import io.axion.api.auth.Roles;
import io.axion.api.error.NotFoundException;
import io.axion.api.error.ValidationException;
import io.axion.api.web.RestResource;
import io.axion.auth.internal.ApiTypes.NewUser;
import io.axion.auth.internal.ApiTypes.PasswordReset;
import io.axion.auth.internal.ApiTypes.UserDetails;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.net.URI;
import java.util.List;
import java.util.Set;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code /api/v1/users}: admins manage accounts. */
@Component(service = RestResource.class)
@Path("/api/v1/users")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class UsersResource implements RestResource {

    @Reference
    private AuthService auth;

    @GET
    public List<UserDetails> list() {
        Set<String> totp = auth.totpUserIds();
        return auth.users().list().stream().map(u -> UserDetails.of(u, totp.contains(u.userId()))).toList();
    }

    @GET
    @Path("{username}")
    public UserDetails get(@PathParam("username") String username) {
        Set<String> totp = auth.totpUserIds();
        return auth.users().find(username).map(u -> UserDetails.of(u, totp.contains(u.userId())))
                .orElseThrow(() -> new NotFoundException("User", username));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(NewUser body) {
        if (body == null) {
            throw new ValidationException("body", "a JSON object {username, password, role} is required");
        }
        UserDetails created = UserDetails.of(auth.users().create(body.username(), body.password(), body.role()),
                false);
        return Response.created(URI.create(AxionConstants.API_BASE + "/users/" + created.username()))
                .entity(created).build();
    }

    @DELETE
    @Path("{username}")
    public Response delete(@PathParam("username") String username) {
        auth.users().delete(Credentials.requirePossibleUsername(username));
        return Response.noContent().build();
    }

    /** Sets another user's password, e.g. a forgotten one; their tokens stop working. */
    @PUT
    @Path("{username}/password")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response setPassword(@PathParam("username") String username, PasswordReset body) {
        if (body == null) {
            throw new ValidationException("body", "a JSON object {password} is required");
        }
        auth.resetPassword(username, body.password());
        return Response.noContent().build();
    }

    /**
     * Turns a user's two-factor login off (a lost device without recovery codes): they log in with the password
     * alone again, or enrol again first when their role requires it. 404 for an unknown user.
     */
    @DELETE
    @Path("{username}/totp")
    public Response resetTotp(@PathParam("username") String username, @Context SecurityContext security,
                              @Context HttpServletRequest request) {
        auth.resetTotp(Callers.name(security), username, Callers.address(request));
        return Response.noContent().build();
    }
}
