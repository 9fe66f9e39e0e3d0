package io.axion.auth.internal;

import io.axion.api.auth.Roles;
import io.axion.api.error.ValidationException;
import io.axion.api.web.RestResource;
import io.axion.auth.internal.ApiTypes.LoginRequest;
import io.axion.auth.internal.ApiTypes.LoginResponse;
import io.axion.auth.internal.ApiTypes.LoginWithRecovery;
import io.axion.auth.internal.ApiTypes.TotpCode;
import io.axion.auth.internal.ApiTypes.TotpDisable;
import io.axion.auth.internal.ApiTypes.TotpEnrolment;
import io.axion.auth.internal.ApiTypes.TotpLoginConfirm;
import io.axion.auth.internal.ApiTypes.TotpLoginEnrol;
import io.axion.auth.internal.ApiTypes.TotpRecoveryCodes;
import io.axion.auth.internal.ApiTypes.TotpStatus;
import io.axion.auth.internal.ApiTypes.PasswordChange;
import io.axion.auth.internal.ApiTypes.TicketResponse;
import io.axion.auth.internal.ApiTypes.UserView;
import io.axion.auth.internal.UserRecord.UserState;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code /api/v1/auth}: login, the current user, one's own password and two-factor login, WebSocket tickets. */
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
        return auth.login(body.username(), body.password(), body.code(), Callers.address(request));
    }

    /** The caller's two-factor login: on, pending, required by the role, recovery codes left. */
    @GET
    @Path("totp")
    @RolesAllowed(Roles.VIEWER)
    public TotpStatus totp(@Context SecurityContext security) {
        return TotpStatus.of(auth.totpState(Callers.name(security)));
    }

    /** Starts the caller's enrolment: a new secret, pending until a code of it is confirmed. */
    @POST
    @Path("totp/enrol")
    @RolesAllowed(Roles.VIEWER)
    public TotpEnrolment enrolTotp(@Context SecurityContext security, @Context HttpServletRequest request) {
        return TotpEnrolment.of(auth.enrolTotp(Callers.name(security), Callers.address(request)));
    }

    /** Turns two-factor login on with a first code; the recovery codes are in this answer only. */
    @POST
    @Path("totp/confirm")
    @RolesAllowed(Roles.VIEWER)
    @Consumes(MediaType.APPLICATION_JSON)
    public TotpRecoveryCodes confirmTotp(TotpCode body, @Context SecurityContext security,
                                         @Context HttpServletRequest request) {
        if (body == null) {
            throw new ValidationException("body", "a JSON object {code} is required");
        }
        return new TotpRecoveryCodes(auth.confirmTotp(Callers.name(security), body.code(),
                Callers.address(request)));
    }

    /** Turns the caller's two-factor login off, with a current code (or recovery code) or the password. */
    @DELETE
    @Path("totp")
    @RolesAllowed(Roles.VIEWER)
    @Consumes(MediaType.APPLICATION_JSON)
    public Response disableTotp(TotpDisable body, @Context SecurityContext security,
                                @Context HttpServletRequest request) {
        if (body == null) {
            throw new ValidationException("body", "a JSON object {code} or {password} is required");
        }
        auth.disableTotp(Callers.name(security), body.code(), body.password(), Callers.address(request));
        return Response.noContent().build();
    }

    /**
     * The enrolment of a user who cannot log in without it (the role requires TOTP, login answered
     * {@code totp-enrolment-required}): the password stands in for the session, throttled like a login.
     */
    @POST
    @Path("login/totp/enrol")
    @PermitAll
    @Consumes(MediaType.APPLICATION_JSON)
    public TotpEnrolment enrolTotpAtLogin(TotpLoginEnrol body, @Context HttpServletRequest request) {
        if (body == null) {
            throw new ValidationException("body", "a JSON object {username, password} is required");
        }
        required("username", body.username());
        required("password", body.password());
        return TotpEnrolment.of(auth.enrolTotpAtLogin(body.username(), body.password(), Callers.address(request)));
    }

    /** Confirms that enrolment with a first code and logs in: a token, and the recovery codes shown this once. */
    @POST
    @Path("login/totp/confirm")
    @PermitAll
    @Consumes(MediaType.APPLICATION_JSON)
    public LoginWithRecovery confirmTotpAtLogin(TotpLoginConfirm body, @Context HttpServletRequest request) {
        if (body == null) {
            throw new ValidationException("body", "a JSON object {username, password, code} is required");
        }
        required("username", body.username());
        required("password", body.password());
        return auth.confirmTotpAtLogin(body.username(), body.password(), body.code(), Callers.address(request));
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
