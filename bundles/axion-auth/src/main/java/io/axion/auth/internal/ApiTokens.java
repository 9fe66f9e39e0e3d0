package io.axion.auth.internal;

import io.axion.api.auth.Roles;
import io.axion.api.error.NotFoundException;
import io.axion.api.error.ValidationException;
import io.axion.auth.internal.UserRecord.UserState;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiPredicate;
import java.util.regex.Pattern;

/**
 * API tokens for scripts: {@code axn_<prefix>_<secret>}, the secret 256 random bits shown once and kept as its
 * SHA-256 only (a fast hash is right for a random secret: there is nothing to guess). The prefix finds the token
 * without a scan. A token acts as its owner, capped by its scopes ({@code read}, {@code operate}, {@code admin}),
 * and stops working when it expires, when it is revoked, or when its owner is deleted. Every check reads the store,
 * so a revocation holds at once on every node.
 */
final class ApiTokens {
    static final String MARK = "axn_";
    static final Map<String, String> SCOPE_ROLES = Map.of("read", Roles.VIEWER, "operate", Roles.OPERATOR,
            "admin", Roles.ADMIN);
    /** Last use is written at most this often per token: a token used in a tight loop costs no write per call. */
    static final Duration TOUCH_EVERY = Duration.ofMinutes(1);
    private static final Pattern SHAPE = Pattern.compile("axn_([a-z0-9]{10})_([A-Za-z0-9_-]{43})");
    private static final String PREFIX_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

    record Created(ApiTokenRecord token, String secret) {
    }

    private final ApiTokenRepository repository;
    private final Clock clock;
    private final BiPredicate<UserState, String> mayBindTenant;
    private final SecureRandom random = new SecureRandom();

    /** @param mayBindTenant whether a token of that owner may be bound to that tenant (it exists, they belong) */
    ApiTokens(ApiTokenRepository repository, Clock clock, BiPredicate<UserState, String> mayBindTenant) {
        this.repository = repository;
        this.clock = clock;
        this.mayBindTenant = mayBindTenant;
    }

    /** For tests of a store without tenants: only {@code default} may be named. */
    ApiTokens(ApiTokenRepository repository, Clock clock) {
        this(repository, clock, (owner, tenant) -> "default".equals(tenant));
    }

    static boolean looksLike(String bearer) {
        return bearer != null && bearer.startsWith(MARK);
    }

    /** A new token of {@code owner}: its scopes may not reach above the owner's role (422 naming the field). */
    Created create(UserState owner, String name, List<String> scopes, String tenant, Instant expiresAt) {
        if (name == null || name.isBlank() || name.length() > 64 || name.chars().anyMatch(Character::isISOControl)) {
            throw new ValidationException("name", "is required: 1 to 64 printable characters");
        }
        if (scopes == null || scopes.isEmpty()) {
            throw new ValidationException("scopes", "name at least one of read, operate, admin");
        }
        Set<String> unique = new LinkedHashSet<>();
        for (String scope : scopes) {
            String role = scope == null ? null : SCOPE_ROLES.get(scope);
            if (role == null) {
                throw new ValidationException("scopes", "'" + scope + "' is not one of read, operate, admin");
            }
            if (!Roles.includes(owner.role(), role)) {
                throw new ValidationException("scopes", "'" + scope + "' is more than your role " + owner.role());
            }
            unique.add(scope);
        }
        if (tenant != null && !mayBindTenant.test(owner, tenant)) {
            throw new ValidationException("tenant", "'" + (tenant.length() > 64 ? tenant.substring(0, 64) : tenant)
                    + "' is no tenant you belong to");
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        if (expiresAt != null && !expiresAt.isAfter(now)) {
            throw new ValidationException("expiresAt", "must lie in the future");
        }
        byte[] secretBytes = new byte[32];
        random.nextBytes(secretBytes);
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(secretBytes);
        String prefix = prefix();
        ApiTokenRecord token = new ApiTokenRecord(UUID.randomUUID().toString(), prefix, owner.username(),
                owner.userId(), name, List.copyOf(unique), tenant, now,
                expiresAt == null ? null : expiresAt.truncatedTo(ChronoUnit.MILLIS), null);
        repository.insert(token, sha256(secret));
        return new Created(token, MARK + prefix + "_" + secret);
    }

    /** The unexpired token a bearer string is, with its secret checked; empty for anything else. */
    Optional<ApiTokenRecord> verify(String bearer) {
        var shape = bearer == null ? null : SHAPE.matcher(bearer);
        if (shape == null || !shape.matches()) {
            return Optional.empty();
        }
        Optional<ApiTokenRepository.Found> found = repository.findByPrefix(shape.group(1));
        byte[] presented = sha256(shape.group(2)).getBytes(StandardCharsets.US_ASCII);
        // Compared in constant time, and compared even for an unknown prefix, so timing tells nothing.
        byte[] stored = found.map(f -> f.secretSha256().getBytes(StandardCharsets.US_ASCII)).orElse(new byte[64]);
        if (!MessageDigest.isEqual(presented, stored) || found.isEmpty()) {
            return Optional.empty();
        }
        ApiTokenRecord token = found.get().token();
        Instant now = clock.instant();
        if (token.expired(now)) {
            return Optional.empty();
        }
        if (token.lastUsedAt() == null || token.lastUsedAt().isBefore(now.minus(TOUCH_EVERY))) {
            repository.touch(token.id(), now);
        }
        return Optional.of(token);
    }

    /** The role a token acts with: its highest scope, never more than what its owner holds today. */
    static String roleOf(ApiTokenRecord token, String ownerRole) {
        String best = null;
        for (String scope : token.scopes()) {
            String role = SCOPE_ROLES.get(scope);
            if (role != null && Roles.includes(ownerRole, role) && (best == null || Roles.includes(role, best))) {
                best = role;
            }
        }
        return best == null ? Roles.VIEWER : best;
    }

    List<ApiTokenRecord> list(String owner) {
        return repository.list(owner);
    }

    /** Revokes a token of {@code caller} (an admin: anyone's); another's token is 404, as if it did not exist. */
    void revoke(String id, String caller, boolean admin) {
        ApiTokenRecord token = repository.find(id).filter(t -> admin || t.owner().equals(caller))
                .orElseThrow(() -> new NotFoundException("Token", id));
        repository.delete(token.id());
    }

    private String prefix() {
        StringBuilder prefix = new StringBuilder(10);
        for (int i = 0; i < 10; i++) {
            prefix.append(PREFIX_ALPHABET.charAt(random.nextInt(PREFIX_ALPHABET.length())));
        }
        return prefix.toString();
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
