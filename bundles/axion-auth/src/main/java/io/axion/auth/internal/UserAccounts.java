package io.axion.auth.internal;

import io.axion.api.auth.UserAccount;
import io.axion.api.auth.UserService;
import java.util.List;
import java.util.Optional;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@link UserService} over the same account directory, and so the same checks, as {@code /api/v1/users}. */
@Component(service = UserService.class)
public class UserAccounts implements UserService {

    @Reference
    private AuthService auth;

    public UserAccounts() {
    }

    /** For tests. */
    UserAccounts(AuthService auth) {
        this.auth = auth;
    }

    @Override
    public List<UserAccount> list() {
        return auth.users().list().stream().map(UserAccounts::account).toList();
    }

    @Override
    public Optional<UserAccount> find(String username) {
        return auth.users().find(username).map(UserAccounts::account);
    }

    @Override
    public UserAccount create(String username, String password, String role) {
        return account(auth.users().create(username, password, role));
    }

    @Override
    public void delete(String username) {
        auth.users().delete(Credentials.requirePossibleUsername(username));
    }

    @Override
    public void setPassword(String username, String password) {
        auth.resetPassword(username, password);
    }

    private static UserAccount account(UserRecord user) {
        return new UserAccount(user.username(), user.role(), user.createdAt(), user.passwordChangedAt());
    }
}
