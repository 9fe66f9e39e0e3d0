package io.axion.auth.internal;

import io.axion.api.AxionConstants;
import io.axion.api.AxionPaths;
import io.axion.api.auth.AuthenticatedUser;
import io.axion.api.auth.Authenticator;
import io.axion.api.auth.RevocationListener;
import io.axion.api.cluster.ClusterService;
import io.axion.api.error.AxionException;
import io.axion.api.error.ValidationException;
import io.axion.api.store.Store;
import io.axion.api.error.ConflictException;
import io.axion.api.error.NotFoundException;
import io.axion.auth.internal.ApiTypes.LoginResponse;
import io.axion.auth.internal.ApiTypes.LoginWithRecovery;
import io.axion.auth.internal.ApiTypes.UserView;
import io.axion.auth.internal.LoginService.Origin;
import io.axion.auth.internal.UserRecord.UserState;
import java.time.Clock;
import java.time.Duration;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.FieldOption;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Axion's accounts and credentials: the {@link Authenticator} the web bundle asks for every protected request and
 * WebSocket upgrade, and the service behind the auth, users and audit routes and the shell's JAAS realm.
 */
@Component(service = {Authenticator.class, AuthService.class}, configurationPid = AxionConstants.PID_AUTH,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = AuthConfig.class)
public class AuthService implements Authenticator {
    private static final Logger LOG = LoggerFactory.getLogger(AuthService.class);
    static final String LOGIN_PATH = AxionConstants.API_BASE + "/auth/login";
    static final String TOTP_PATH = AxionConstants.API_BASE + "/auth/totp";
    static final String LOGIN_TOTP_PATH = LOGIN_PATH + "/totp";
    /** The shared map of outstanding WebSocket tickets. */
    static final String WS_TICKETS_MAP = "axion-auth-ws-tickets";

    /** Seconds between full re-reads of the accounts, behind the change announcements. */
    static final long RESYNC_SECONDS = 30;

    @Reference
    private Store store;

    @Reference
    private ClusterService cluster;

    /** Whoever keeps sessions alive past the token check (the WebSocket layer). */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, fieldOption = FieldOption.UPDATE)
    final List<RevocationListener> revocationListeners = new CopyOnWriteArrayList<>();

    private Path dataDir;
    private Credentials credentials;
    private UserDirectory users;
    private TokenService tokens;
    private WsTickets tickets;
    private LoginService logins;
    private AuditLog audit;
    private volatile UserChanges userChanges;
    private ApiTokens apiTokens;
    private TwoFactor twoFactor;

    public AuthService() {
    }

    /** For tests: a service over {@code store}, a member of {@code cluster}, to be started with {@link #start}. */
    AuthService(Store store, ClusterService cluster) {
        this.store = store;
        this.cluster = cluster;
    }

    @Activate
    void activate(AuthConfig config) {
        start(config, AxionPaths.dataDir(), Clock.systemUTC(), System.getenv(FirstAdmin.ENV), AuthService::pause);
    }

    void start(AuthConfig config, Path dataDir, Clock clock, String envAdminPassword, LoginService.Sleeper sleeper) {
        this.dataDir = dataDir;
        store.migrate("auth", AuthService.class, "db/auth");
        PasswordHasher hasher = new PasswordHasher(config.argon2MemoryKiB(), config.argon2Iterations(),
                config.concurrentHashes());
        credentials = new Credentials(config.minPasswordLength());
        users = new UserDirectory(new UserRepository(store), hasher, credentials, clock, this::revoked,
                this::announce);
        users.load();
        userChanges = new UserChanges(cluster, users::refresh, users::load, RESYNC_SECONDS);
        audit = new AuditLog(store, clock, Duration.ofDays(config.auditRetentionDays()), config.auditMaxEntries());
        audit.prune();
        tokens = new TokenService(SigningKey.loadOrCreate(store, dataDir, clock), clock,
                Duration.ofSeconds(config.tokenTtlSeconds()));
        tickets = new WsTickets(cluster.sharedMap(WS_TICKETS_MAP), clock,
                Duration.ofSeconds(config.ticketTtlSeconds()));
        LoginThrottle throttle = new LoginThrottle(new LoginThrottle.Policy(config.maxFailuresPerUser(),
                config.maxFailuresPerAddress(), config.slowdownAfterFailures(),
                Duration.ofMillis(config.slowdownStepMs()), Duration.ofMillis(config.slowdownMaxMs()),
                Duration.ofSeconds(config.lockoutSeconds()), Duration.ofSeconds(config.maxLockoutSeconds())), clock,
                new ThrottleCounters(store));
        twoFactor = new TwoFactor(new TotpRepository(store), new Totp(clock), hasher, clock, config.totpIssuer(),
                requiredRoles(config.totpRequiredRoles()));
        logins = new LoginService(users, hasher, throttle, audit, sleeper, twoFactor);
        apiTokens = new ApiTokens(new ApiTokenRepository(store), clock, this::mayBindTenant);
        FirstAdmin.ensure(users, dataDir, envAdminPassword, config.minPasswordLength());
    }

    /**
     * The roles that must use TOTP; an unknown name stops the auth feature at start with a log line that says which
     * setting to fix (a typo must not quietly leave a role without its second factor).
     */
    private static java.util.Set<String> requiredRoles(String setting) {
        try {
            return TwoFactor.roles(setting);
        } catch (IllegalArgumentException e) {
            LOG.error("Refusing to start: AXION_TOTP_REQUIRED_ROLES (totpRequiredRoles in etc/io.axion.auth.cfg) is "
                    + "'{}': {}", setting, e.getMessage());
            throw e;
        }
    }

    @Deactivate
    void stop() {
        UserChanges changes = userChanges;
        if (changes != null) {
            changes.close();
        }
    }

    @Override
    public Optional<AuthenticatedUser> authenticateBearer(String token) {
        if (ApiTokens.looksLike(token)) {
            return apiTokens.verify(token).flatMap(api -> owner(api)
                    .map(owner -> new AuthenticatedUser(owner.username(), ApiTokens.roleOf(api, owner.role()),
                            api.tenant())));
        }
        return tokens.verify(token)
                .flatMap(t -> current(t.username(), t.userId(), t.tokenGeneration()))
                .map(AuthService::principal);
    }

    @Override
    public Optional<AuthenticatedUser> redeemTicket(String ticket) {
        return tickets.redeem(ticket)
                .flatMap(t -> current(t.username(), t.userId(), t.tokenGeneration()))
                .map(AuthService::principal);
    }

    /** The API's login: a token for the right password, 401 for a wrong one, 429 while locked. */
    LoginResponse login(String username, String password, String address) {
        return login(username, password, null, address);
    }

    /**
     * The API's login with the TOTP (or recovery) code of a user who has two-factor login on: 401
     * {@code totp-required} without it, 401 {@code bad-credentials} for a wrong one.
     */
    LoginResponse login(String username, String password, String code, String address) {
        UserState user = logins.authenticate(username, password, code, new Origin("POST", LOGIN_PATH, address))
                .orElseThrow(AuthService::badCredentials);
        return issue(user);
    }

    /** A password check for another channel (the shell; a TOTP code follows the password); empty when wrong. */
    Optional<UserState> checkPassword(String username, String password, Origin origin) {
        return logins.authenticateCombined(username, password, origin);
    }

    // --- two-factor login (TOTP) ----------------------------------------------------------------------------

    TwoFactor.State totpState(String username) {
        return twoFactor.state(currentUser(username));
    }

    /** The accounts ({@code userId}s) whose TOTP is on, for the users list. */
    java.util.Set<String> totpUserIds() {
        return twoFactor.enabledUserIds();
    }

    /** Starts (or restarts) the caller's enrolment: the secret is pending until {@link #confirmTotp}. */
    TwoFactor.Enrolment enrolTotp(String username, String address) {
        TwoFactor.Enrolment enrolment = twoFactor.enrol(currentUser(username));
        audit.record(username, AuditLog.TOTP_ENROL, "POST", TOTP_PATH + "/enrol", address, 200);
        return enrolment;
    }

    /** Turns the caller's pending enrolment on with a first code; answers the recovery codes, this once. */
    List<String> confirmTotp(String username, String code, String address) {
        List<String> codes = twoFactor.confirm(currentUser(username), code);
        audit.record(username, AuditLog.TOTP_ENABLED, "POST", TOTP_PATH + "/confirm", address, 200);
        return codes;
    }

    /**
     * The caller turns two-factor login off (or drops a pending enrolment), proving it with a current code, a
     * recovery code or the password (throttled like a login); refused while the caller's role requires it.
     */
    void disableTotp(String username, String code, String password, String address) {
        UserState user = currentUser(username);
        TwoFactor.State state = twoFactor.state(user);
        if (!state.enabled() && !state.pending()) {
            throw new ConflictException("totp-not-enrolled", "Two-factor login is not on");
        }
        if (state.enabled()) {
            if (state.required()) {
                throw new ConflictException("totp-required-by-role",
                        "Your role must log in with a code; an admin can reset it instead");
            }
            boolean hasCode = code != null && !code.isBlank();
            if (hasCode) {
                if (!logins.confirmCode(user, code, address)) {
                    throw new ValidationException("code", "is wrong or already used");
                }
            } else if (password != null && !password.isEmpty()) {
                if (!logins.confirm(username, password, address)) {
                    throw new ValidationException("password", "is wrong");
                }
            } else {
                throw new ValidationException("code", "or password is required to turn two-factor login off");
            }
        }
        twoFactor.disable(user.userId());
        audit.record(username, AuditLog.TOTP_DISABLED, "DELETE", TOTP_PATH, address, 204);
    }

    /** An admin turns someone's two-factor login off (a lost device); they log in with the password again. */
    void resetTotp(String admin, String username, String address) {
        UserRecord user = users.find(Credentials.requirePossibleUsername(username))
                .orElseThrow(() -> new NotFoundException("User", username));
        twoFactor.disable(user.userId());
        audit.record(admin, AuditLog.TOTP_RESET, "DELETE", AxionConstants.API_BASE + "/users/" + username + "/totp",
                address, 204);
    }

    /** The enrolment of a user whose role requires TOTP and who cannot log in before: checked by the password. */
    TwoFactor.Enrolment enrolTotpAtLogin(String username, String password, String address) {
        UserState user = logins.passwordOnly(username, password,
                new Origin("POST", LOGIN_TOTP_PATH + "/enrol", address));
        TwoFactor.Enrolment enrolment = twoFactor.enrol(user);
        audit.record(username, AuditLog.TOTP_ENROL, "POST", LOGIN_TOTP_PATH + "/enrol", address, 200);
        return enrolment;
    }

    /** Confirms such an enrolment and logs the user in: the recovery codes and a token. */
    LoginWithRecovery confirmTotpAtLogin(String username, String password, String code, String address) {
        Origin origin = new Origin("POST", LOGIN_TOTP_PATH + "/confirm", address);
        UserState user = logins.passwordOnly(username, password, origin);
        List<String> codes = twoFactor.confirm(user, code);
        audit.record(username, AuditLog.TOTP_ENABLED, "POST", LOGIN_TOTP_PATH + "/confirm", address, 200);
        logins.succeeded(username, origin);
        LoginResponse login = issue(user);
        return new LoginWithRecovery(login.token(), login.expiresAt(), login.user(), codes);
    }

    /** Changes the caller's own password; every earlier token of theirs stops working, the answer holds a new one. */
    LoginResponse changePassword(String username, String currentPassword, String newPassword, String address) {
        if (currentPassword == null || currentPassword.isEmpty()) {
            throw new ValidationException("currentPassword", "is required");
        }
        credentials.checkPassword("newPassword", username, newPassword);
        if (newPassword.equals(currentPassword)) {
            throw new ValidationException("newPassword", "must differ from the current password");
        }
        if (!logins.confirm(username, currentPassword, address)) {
            throw new ValidationException("currentPassword", "is wrong");
        }
        UserState changed = users.setPassword("newPassword", username, newPassword);
        forgetInitialPasswordOf(username);
        return issue(changed);
    }

    /** An admin sets someone's password (a forgotten one): their tokens stop working; 404 for an unknown user. */
    void resetPassword(String username, String password) {
        users.setPassword("password", Credentials.requirePossibleUsername(username), password);
        forgetInitialPasswordOf(username);
    }

    /** The first admin's generated password is no secret worth keeping once it no longer works. */
    private void forgetInitialPasswordOf(String username) {
        if (FirstAdmin.USERNAME.equals(username)) {
            FirstAdmin.forget(dataDir);
        }
    }

    WsTickets.Ticket issueTicket(String username) {
        return tickets.issue(currentUser(username));
    }

    /** The user a request was authenticated as; 401 when that user is gone meanwhile. */
    UserState currentUser(String username) {
        return users.state(username).orElseThrow(() -> new AxionException(401, "unauthorized", "Unauthorized",
                "The user of this token no longer exists"));
    }

    UserDirectory users() {
        return users;
    }

    ApiTokens apiTokens() {
        return apiTokens;
    }

    /** The account an API token belongs to, as it is now: none when it was deleted (or deleted and made again). */
    private Optional<UserState> owner(ApiTokenRecord token) {
        Optional<UserState> owner = users.state(token.owner());
        if (owner.isEmpty() || !owner.get().userId().equals(token.ownerId())) {
            users.refresh(token.owner()); // made on another node a moment ago?
            owner = users.state(token.owner());
        }
        return owner.filter(u -> u.userId().equals(token.ownerId()));
    }

    /** Whether a token of {@code owner} may be bound to {@code tenant}: an admin's to any, others' to their own. */
    private boolean mayBindTenant(UserState owner, String tenant) {
        return store.inTransaction(c -> io.axion.api.auth.Roles.ADMIN.equals(owner.role())
                ? TenantRepository.find(c, tenant).isPresent()
                : TenantRepository.membershipsOf(c, owner.username()).stream()
                        .anyMatch(m -> m.tenant().equals(tenant)));
    }

    AuditLog audit() {
        return audit;
    }

    private LoginResponse issue(UserState user) {
        TokenService.Issued issued = tokens.issue(user);
        return new LoginResponse(issued.token(), issued.expiresAt(), new UserView(user.username(), user.role()));
    }

    private Optional<UserState> current(String username, String userId, long generation) {
        Optional<UserState> cached = users.state(username);
        if (cached.isEmpty() || !cached.get().userId().equals(userId) || cached.get().tokenGeneration() < generation) {
            // Newer than this node's copy: made or changed on another node a moment ago, its announcement on the way.
            users.refresh(username);
            cached = users.state(username);
        }
        return cached.filter(u -> u.userId().equals(userId) && u.tokenGeneration() == generation);
    }

    private void announce(String username) {
        UserChanges changes = userChanges;
        if (changes != null) {
            changes.announce(username);
        }
    }

    private void revoked(String username) {
        for (RevocationListener listener : revocationListeners) {
            try {
                listener.revoked(username);
            } catch (RuntimeException e) {
                LOG.warn("Ending the sessions of {} failed in {}", username, listener, e);
            }
        }
    }

    private static AuthenticatedUser principal(UserState user) {
        return new AuthenticatedUser(user.username(), user.role());
    }

    static AxionException badCredentials() {
        return new AxionException(401, "bad-credentials", "Unauthorized", "Wrong username or password");
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
