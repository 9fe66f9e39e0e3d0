package io.axion.auth.internal;

import io.axion.api.auth.Roles;
import io.axion.api.error.AxionException;
import io.axion.auth.internal.LoginService.Origin;
import io.axion.auth.internal.UserRecord.UserState;
import java.io.IOException;
import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.login.FailedLoginException;
import javax.security.auth.login.LoginException;
import javax.security.auth.spi.LoginModule;
import org.apache.karaf.jaas.boot.principal.ClientPrincipal;
import org.apache.karaf.jaas.boot.principal.RolePrincipal;
import org.apache.karaf.jaas.boot.principal.UserPrincipal;

/**
 * Logs a Karaf shell user in against Axion's accounts, with the same hashing, throttling and audit as the API. An
 * Axion admin gets Karaf's admin roles (including {@code ssh}); operators and viewers get only {@code viewer}, and
 * so no SSH shell.
 */
public class AxionLoginModule implements LoginModule {
    static final List<String> ADMIN_ROLES = List.of("admin", "manager", "viewer", "systembundles", "ssh");
    static final List<String> OTHER_ROLES = List.of("viewer");

    private Subject subject;
    private CallbackHandler callbacks;
    private AxionJaasRealm realm;
    private final List<Principal> principals = new ArrayList<>();

    @Override
    public void initialize(Subject subject, CallbackHandler callbackHandler, Map<String, ?> sharedState,
                           Map<String, ?> options) {
        this.subject = subject;
        this.callbacks = callbackHandler;
        Object found = options.get(AxionJaasRealm.OPTION_REALM);
        this.realm = found instanceof AxionJaasRealm r ? r : null;
    }

    @Override
    public boolean login() throws LoginException {
        NameCallback name = new NameCallback("Username: ");
        PasswordCallback password = new PasswordCallback("Password: ", false);
        try {
            callbacks.handle(new Callback[] {name, password});
        } catch (IOException | UnsupportedCallbackException e) {
            throw new LoginException("Cannot ask for the username and password: " + e.getMessage());
        }
        AuthService auth = realm == null ? null : realm.accounts().orElse(null);
        if (auth == null) {
            throw new LoginException("Axion's accounts are not available");
        }
        String username = name.getName();
        char[] secret = password.getPassword();
        password.clearPassword();
        Optional<UserState> user;
        try {
            user = auth.checkPassword(username, secret == null ? null : new String(secret), origin());
        } catch (AxionException e) {
            throw new FailedLoginException(e.detail());
        }
        if (user.isEmpty()) {
            throw new FailedLoginException("Wrong username or password");
        }
        principals.clear();
        principals.add(new UserPrincipal(user.get().username()));
        List<String> roles = Roles.ADMIN.equals(user.get().role()) ? ADMIN_ROLES : OTHER_ROLES;
        roles.forEach(role -> principals.add(new RolePrincipal(role)));
        return true;
    }

    @Override
    public boolean commit() {
        subject.getPrincipals().addAll(principals);
        return true;
    }

    @Override
    public boolean abort() {
        principals.clear();
        return true;
    }

    @Override
    public boolean logout() {
        subject.getPrincipals().removeAll(principals);
        principals.clear();
        return true;
    }

    /** The shell's channel and peer, from the ClientPrincipal Karaf puts in the subject ("/127.0.0.1:41234"). */
    private Origin origin() {
        for (ClientPrincipal client : subject.getPrincipals(ClientPrincipal.class)) {
            return new Origin(client.getMethod().toUpperCase(), "karaf-shell", hostOf(client.getAddress()));
        }
        return new Origin("JAAS", "karaf-shell", "local");
    }

    static String hostOf(String socketAddress) {
        if (socketAddress == null || socketAddress.isEmpty()) {
            return "unknown";
        }
        String host = socketAddress.substring(socketAddress.lastIndexOf('/') + 1);
        int colon = host.lastIndexOf(':');
        if (colon > host.lastIndexOf(']')) {
            host = host.substring(0, colon);
        }
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }
}
