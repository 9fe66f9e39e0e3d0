package io.axion.api.auth;

import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Axion's accounts, for callers other than the REST API (the Karaf shell). The same checks apply as on
 * {@code /api/v1/users}: the caller is trusted to be an admin.
 */
@ProviderType
public interface UserService {

    /** Every account, by username. */
    List<UserAccount> list();

    Optional<UserAccount> find(String username);

    /**
     * Creates an account.
     *
     * @throws io.axion.api.error.ValidationException when the username, password or role is invalid (422)
     * @throws io.axion.api.error.ConflictException   when the username is taken (409)
     */
    UserAccount create(String username, String password, String role);

    /**
     * Deletes an account, which revokes its tokens at once.
     *
     * @throws io.axion.api.error.NotFoundException when there is no such account (404)
     * @throws io.axion.api.error.ConflictException when it is the last admin (409)
     */
    void delete(String username);

    /**
     * Sets an account's password (a forgotten one); every token of that account stops working.
     *
     * @throws io.axion.api.error.NotFoundException   when there is no such account (404)
     * @throws io.axion.api.error.ValidationException when the password is too weak (422)
     */
    void setPassword(String username, String password);
}
