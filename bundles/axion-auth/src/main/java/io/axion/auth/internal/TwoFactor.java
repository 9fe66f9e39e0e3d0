package io.axion.auth.internal;

import io.axion.api.auth.Roles;
import io.axion.api.error.ConflictException;
import io.axion.api.error.ValidationException;
import io.axion.auth.internal.UserRecord.UserState;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Two-factor logins with TOTP: enrolment (a secret, pending until a first code confirms it), the check of a code at
 * login (each time step accepted once, cluster-wide, through the store) and single-use recovery codes kept as
 * Argon2id hashes. Which roles must use it is a setting. Nothing here logs or audits a secret or a code.
 */
final class TwoFactor {
    static final int RECOVERY_CODES = 10;
    /** No 0/o, 1/l/i: read off paper without doubt. */
    static final String RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";
    private static final int RECOVERY_LENGTH = 10;
    private static final Pattern RECOVERY = Pattern.compile("[" + RECOVERY_ALPHABET + "]{" + RECOVERY_LENGTH + "}");

    record Enrolment(String secret, String otpauthUri) {
    }

    /** What a user's second factor is: {@code pending} between enrol and confirm. */
    record State(boolean enabled, boolean pending, boolean required, int recoveryCodesLeft) {
    }

    private final TotpRepository repository;
    private final Totp totp;
    private final PasswordHasher hasher;
    private final Clock clock;
    private final String issuer;
    private final Set<String> requiredRoles;
    private final SecureRandom random = new SecureRandom();

    TwoFactor(TotpRepository repository, Totp totp, PasswordHasher hasher, Clock clock, String issuer,
              Set<String> requiredRoles) {
        this.repository = repository;
        this.totp = totp;
        this.hasher = hasher;
        this.clock = clock;
        this.issuer = issuer == null || issuer.isBlank() ? "Axion" : issuer.trim();
        this.requiredRoles = Set.copyOf(requiredRoles);
    }

    /** The roles of a setting such as {@code "admin, operator"}; an unknown name is refused at start. */
    static Set<String> roles(String setting) {
        Set<String> roles = new LinkedHashSet<>();
        if (setting == null) {
            return roles;
        }
        for (String part : setting.split("[,\\s]+")) {
            String role = part.trim().toLowerCase(Locale.ROOT);
            if (role.isEmpty()) {
                continue;
            }
            if (!Roles.isRole(role)) {
                throw new IllegalArgumentException("totpRequiredRoles: '" + part + "' is not one of " + Roles.ALL);
            }
            roles.add(role);
        }
        return roles;
    }

    /** Whether a user of {@code role} must log in with a code. */
    boolean required(String role) {
        return requiredRoles.contains(role);
    }

    boolean enabled(String userId) {
        return repository.find(userId).filter(TotpRepository.Row::enabled).isPresent();
    }

    /** The accounts ({@code userId}s) whose TOTP is on. */
    Set<String> enabledUserIds() {
        return repository.enabledUserIds();
    }

    State state(UserState user) {
        Optional<TotpRepository.Row> row = repository.find(user.userId());
        boolean enabled = row.filter(TotpRepository.Row::enabled).isPresent();
        return new State(enabled, row.isPresent() && !enabled, required(user.role()),
                enabled ? repository.recoveryHashes(user.userId()).size() : 0);
    }

    /** A new pending secret for {@code user}; 409 when TOTP is already on (turn it off first). */
    Enrolment enrol(UserState user) {
        String secret = totp.newSecret();
        if (!repository.savePending(user.userId(), user.username(), secret, now())) {
            throw new ConflictException("totp-enabled", "Two-factor login is already on; turn it off first");
        }
        return new Enrolment(secret, Totp.uri(issuer, user.username(), secret));
    }

    /**
     * Turns TOTP on with a code of the pending secret; answers the recovery codes, shown this once. 422 for a wrong
     * code, 409 when nothing is pending.
     */
    List<String> confirm(UserState user, String code) {
        TotpRepository.Row row = repository.find(user.userId()).orElseThrow(TwoFactor::nothingPending);
        if (row.enabled()) {
            throw new ConflictException("totp-enabled", "Two-factor login is already on");
        }
        String digits = Totp.normalise(code);
        if (digits == null || digits.isEmpty()) {
            throw new ValidationException("code", "is required: the " + Totp.DIGITS + " digits your app shows");
        }
        OptionalLong step = totp.match(row.secret(), digits, Long.MIN_VALUE);
        if (step.isEmpty()) {
            throw new ValidationException("code", "is wrong: check your device's clock and enter the current code");
        }
        List<String> codes = new ArrayList<>(RECOVERY_CODES);
        List<String> hashes = new ArrayList<>(RECOVERY_CODES);
        for (int i = 0; i < RECOVERY_CODES; i++) {
            String recovery = newRecoveryCode();
            codes.add(recovery);
            hashes.add(hasher.hash(canonicalRecovery(recovery)));
        }
        if (!repository.enable(user.userId(), row.secret(), step.getAsLong(), hashes, now())) {
            throw nothingPending(); // enrolled again or turned off meanwhile
        }
        return codes;
    }

    /**
     * Whether {@code code} is a right, unused TOTP code or an unused recovery code of the user's enabled TOTP; a
     * right one is used up at once, on every node.
     */
    boolean check(String userId, String code) {
        String given = Totp.normalise(code);
        if (given == null || given.isEmpty()) {
            return false;
        }
        Optional<TotpRepository.Row> row = repository.find(userId).filter(TotpRepository.Row::enabled);
        if (row.isEmpty()) {
            return false;
        }
        if (Totp.CODE.matcher(given).matches()) {
            long used = row.get().lastStep() == null ? Long.MIN_VALUE : row.get().lastStep();
            OptionalLong step = totp.match(row.get().secret(), given, used);
            return step.isPresent() && repository.useStep(userId, step.getAsLong());
        }
        String recovery = canonicalRecovery(given);
        if (!RECOVERY.matcher(recovery).matches()) {
            return false;
        }
        for (String hash : repository.recoveryHashes(userId)) {
            if (hasher.verify(recovery, hash)) {
                return repository.useRecovery(userId, hash);
            }
        }
        return false;
    }

    /** Turns TOTP off (or drops a pending enrolment); false when there was none. */
    boolean disable(String userId) {
        return repository.delete(userId);
    }

    /** {@code abcde-fghjk}: ten letters and digits, grouped for reading. */
    private String newRecoveryCode() {
        StringBuilder code = new StringBuilder(RECOVERY_LENGTH + 1);
        for (int i = 0; i < RECOVERY_LENGTH; i++) {
            if (i == RECOVERY_LENGTH / 2) {
                code.append('-');
            }
            code.append(RECOVERY_ALPHABET.charAt(random.nextInt(RECOVERY_ALPHABET.length())));
        }
        return code.toString();
    }

    /** As hashed: lower case, without the dash or spaces. */
    static String canonicalRecovery(String code) {
        return code.replace("-", "").replace(" ", "").toLowerCase(Locale.ROOT);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private static ConflictException nothingPending() {
        return new ConflictException("totp-not-enrolled", "No enrolment is pending: start one first");
    }
}
