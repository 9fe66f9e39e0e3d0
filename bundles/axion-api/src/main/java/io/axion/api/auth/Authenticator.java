package io.axion.api.auth;

import java.util.Optional;

/**
 * Checks credentials presented with a request. The web bundle asks it for every protected route and every
 * WebSocket upgrade; without one, protected routes answer 401 (Axion fails closed).
 */
public interface Authenticator {

    /** The user a bearer token belongs to, when the token is valid, unexpired and its user still exists. */
    Optional<AuthenticatedUser> authenticateBearer(String token);

    /** The user a WebSocket ticket was issued to; a ticket is valid once, and only for a short time. */
    Optional<AuthenticatedUser> redeemTicket(String ticket);
}
