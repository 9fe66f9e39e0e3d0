package io.axion.auth.internal;

import io.axion.api.auth.Roles;
import io.axion.api.error.ConflictException;
import io.axion.api.error.NotFoundException;
import io.axion.auth.internal.UserRecord.UserState;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Axion's accounts: the store is the truth, and a copy of each user's role, id and token generation stays in memory
 * so that checking a token costs no SQL. Every change made on this node goes through here, so the copy follows each
 * commit; each is also announced ({@code changed}) so that the other nodes of a cluster {@link #refresh} theirs.
 * Writers take the store's exclusive {@value #WRITE_LOCK} lock, so checks such as "the name is free" or "another
 * admin is left" hold across nodes.
 */
final class UserDirectory {
    private final UserRepository repository;
    private final PasswordHasher hasher;
    private final Credentials credentials;
    private final Clock clock;
    private final Map<String, UserState> cache = new ConcurrentHashMap<>();
    static final String WRITE_LOCK = "auth-users";

    private final Consumer<String> revoked;
    private final Consumer<String> changed;

    /**
     * {@code revoked} hears of each user whose credentials all stopped working, once the change is stored (here or,
     * through {@link #refresh}, on another node); {@code changed} of each user changed on this node.
     */
    UserDirectory(UserRepository repository, PasswordHasher hasher, Credentials credentials, Clock clock,
                  Consumer<String> revoked, Consumer<String> changed) {
        this.repository = repository;
        this.hasher = hasher;
        this.credentials = credentials;
        this.clock = clock;
        this.revoked = revoked;
        this.changed = changed;
    }

    /** Reads every user from the store; those whose earlier tokens stopped holding are told to {@code revoked}. */
    synchronized void load() {
        List<UserRecord> users = repository.store().inTransaction(repository::all);
        Map<String, UserState> before = Map.copyOf(cache);
        cache.clear();
        users.forEach(u -> cache.put(u.username(), u.state()));
        before.forEach((username, state) -> {
            if (revokes(state, cache.get(username))) {
                revoked.accept(username);
            }
        });
    }

    /** Reads one user again (another node changed it); ends its sessions here when its old tokens stopped holding. */
    synchronized void refresh(String username) {
        Optional<UserRecord> stored = find(username);
        UserState before = stored.isPresent() ? cache.put(username, stored.get().state()) : cache.remove(username);
        if (revokes(before, stored.map(UserRecord::state).orElse(null))) {
            revoked.accept(username);
        }
    }

    private static boolean revokes(UserState before, UserState after) {
        return before != null && (after == null || !before.userId().equals(after.userId())
                || before.tokenGeneration() != after.tokenGeneration());
    }

    boolean isEmpty() {
        return cache.isEmpty();
    }

    /** From memory: the current role, id and token generation of a user. */
    Optional<UserState> state(String username) {
        return username == null ? Optional.empty() : Optional.ofNullable(cache.get(username));
    }

    List<UserRecord> list() {
        return repository.store().inTransaction(repository::all);
    }

    /** From the store, with the password hash (for logins). */
    Optional<UserRecord> find(String username) {
        if (username == null || !Credentials.USERNAME.matcher(username).matches()) {
            return Optional.empty();
        }
        return repository.store().inTransaction(c -> repository.find(c, username));
    }

    /** Creates a user after checking the name, password and role (422) and that the name is free (409). */
    synchronized UserRecord create(String username, String password, String role) {
        Credentials.checkUsername(username);
        credentials.checkPassword("password", username, password);
        Credentials.checkRole(role);
        return createUnchecked(username, password, role);
    }

    /** Creates a user whose password was chosen by the operator (the first admin): only the name is checked. */
    synchronized UserRecord createUnchecked(String username, String password, String role) {
        Credentials.checkUsername(username);
        Credentials.checkRole(role);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS); // as stored
        UserRecord user = new UserRecord(username, UUID.randomUUID().toString(), hasher.hash(password), role, 0,
                now, now);
        repository.store().inExclusiveTransaction(WRITE_LOCK, c -> {
            if (repository.find(c, username).isPresent()) {
                throw new ConflictException("user-exists", "User '" + username + "' already exists");
            }
            repository.insert(c, user);
            TenantRepository.joinDefault(c, username, role);
            return null;
        });
        cache.put(username, user.state());
        changed.accept(username);
        return user;
    }

    /** Deletes a user, which revokes its tokens at once; the last admin cannot be deleted (409). */
    synchronized void delete(String username) {
        repository.store().inExclusiveTransaction(WRITE_LOCK, c -> {
            UserRecord user = repository.find(c, username).orElseThrow(() -> new NotFoundException("User", username));
            if (Roles.ADMIN.equals(user.role()) && repository.count(c, Roles.ADMIN) <= 1) {
                throw new ConflictException("last-admin", "User '" + username + "' is the last admin");
            }
            TotpRepository.delete(c, user.userId()); // its second factor goes with it
            TenantRepository.forgetUser(c, username); // and its memberships
            repository.delete(c, username);
            return null;
        });
        cache.remove(username);
        changed.accept(username);
        revoked.accept(username);
    }

    /**
     * Sets a new password (checked, 422 naming {@code field}) and revokes every token issued before; 404 for an
     * unknown user.
     */
    synchronized UserState setPassword(String field, String username, String newPassword) {
        credentials.checkPassword(field, username, newPassword);
        String hash = hasher.hash(newPassword);
        UserRecord updated = repository.store().inExclusiveTransaction(WRITE_LOCK, c -> {
            repository.find(c, username).orElseThrow(() -> new NotFoundException("User", username));
            repository.updatePassword(c, username, hash, clock.instant());
            return repository.find(c, username).orElseThrow();
        });
        cache.put(username, updated.state());
        changed.accept(username);
        revoked.accept(username);
        return updated.state();
    }

    /** Re-hashes a correct password whose hash was made with weaker parameters than today's. */
    void upgradeHashIfNeeded(UserRecord user, String password) {
        if (hasher.needsRehash(user.passwordHash())) {
            String hash = hasher.hash(password);
            repository.store().inTransaction(c -> {
                repository.updateHash(c, user.username(), user.passwordHash(), hash);
                return null;
            });
        }
    }
}
