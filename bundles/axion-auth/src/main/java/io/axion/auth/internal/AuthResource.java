package io.axion.auth.internal;

import io.axion.api.auth.Roles;
import io.axion.api.error.ValidationException;
import io.axion.api.web.RestResource;
import io.axion.auth.internal.ApiTypes.LoginRequest;
import io.axion.auth.internal.ApiTypes.LoginResponse;
import io.axion.auth.internal.ApiTypes.PasswordChange;
import io.axion.auth.internal.ApiTypes.TicketResponse;
import io.axion.auth.internal.ApiTypes.UserView;
import io.axion.auth.internal.UserRecord.UserState;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code /api/v1/auth}: login, the current user, one's own password, WebSocket tickets. */
@Component(service = RestResource.class)
@Path("/api/v1/auth")
@Produces(MediaType.APPLICATION_JSON)
public class AuthResource implements RestResource {

    @Reference
    private AuthService auth;

    @POST
    @Path("login")
    @PermitAll
    @Consumes(MediaType.APPLICATION_JSON)
    public LoginResponse login(LoginRequest body, @Context HttpServletRequest request) {
        if (body == null) {
            throw new ValidationException("body", "a JSON object {username, password} is required");
        }
        required("username", body.username());
        required("password", body.password());
        return auth.login(body.username(), body.password(), Callers.address(request));
    }

    @GET
    @Path("me")
    @RolesAllowed(Roles.VIEWER)
    public UserView me(@Context SecurityContext security) {
        UserState user = auth.currentUser(Callers.name(security));
        return new UserView(user.username(), user.role());
    }

    /** Answers like a login: the old tokens stop working, the new one is in the body. */
    @POST
    @Path("password")
    @RolesAllowed(Roles.VIEWER)
    @Consumes(MediaType.APPLICATION_JSON)
    public LoginResponse changePassword(PasswordChange body, @Context SecurityContext security,
                                        @Context HttpServletRequest request) {
        if (body == null) {
            throw new ValidationException("body", "a JSON object {currentPassword, newPassword} is required");
        }
        return auth.changePassword(Callers.name(security), body.currentPassword(), body.newPassword(),
                Callers.address(request));
    }

    @POST
    @Path("ws-ticket")
    @RolesAllowed(Roles.VIEWER)
    public TicketResponse wsTicket(@Context SecurityContext security) {
        WsTickets.Ticket ticket = auth.issueTicket(Callers.name(security));
        return new TicketResponse(ticket.ticket(), ticket.expiresAt());
    }

    private static void required(String field, String value) {
        if (value == null || value.isEmpty()) {
            throw new ValidationException(field, "is required");
        }
    }
}
