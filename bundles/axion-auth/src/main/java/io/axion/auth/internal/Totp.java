package io.axion.auth.internal;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.Key;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.regex.Pattern;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.util.encoders.Base32;

/**
 * Time-based one-time passwords (RFC 6238) as every authenticator app makes them: HMAC-SHA1, 6 digits, 30 s steps,
 * a 160-bit secret shown in Base32. The codes come from java-otp; this class adds the clock, the accepted skew of
 * {@value #SKEW} step either way, and the rule that a step is used at most once (the caller keeps the last one).
 */
final class Totp {
    static final Duration STEP = Duration.ofSeconds(30);
    static final int DIGITS = 6;
    /** Steps accepted before and after the current one: a phone's clock a little off still works. */
    static final int SKEW = 1;
    static final Pattern CODE = Pattern.compile("[0-9]{" + DIGITS + "}");
    private static final String ALGORITHM = TimeBasedOneTimePasswordGenerator.TOTP_ALGORITHM_HMAC_SHA1;
    private static final int SECRET_BYTES = 20;

    private final TimeBasedOneTimePasswordGenerator generator =
            new TimeBasedOneTimePasswordGenerator(STEP, DIGITS, ALGORITHM);
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    Totp(Clock clock) {
        this.clock = clock;
    }

    /** A new random secret, in Base32 without padding (32 letters and digits). */
    String newSecret() {
        byte[] bytes = new byte[SECRET_BYTES];
        random.nextBytes(bytes);
        return Base32.toBase32String(bytes).replace("=", "");
    }

    /** The {@code otpauth://} URI authenticator apps read from a QR code. */
    static String uri(String issuer, String username, String secret) {
        String label = encode(issuer) + ":" + encode(username);
        return "otpauth://totp/" + label + "?secret=" + secret + "&issuer=" + encode(issuer)
                + "&algorithm=SHA1&digits=" + DIGITS + "&period=" + STEP.toSeconds();
    }

    /** The time step the clock is in now. */
    long currentStep() {
        return Math.floorDiv(clock.millis(), STEP.toMillis());
    }

    /** The code of {@code secret} for time step {@code step}. */
    String code(String secret, long step) {
        try {
            return generator.generateOneTimePasswordString(key(secret), Instant.ofEpochMilli(step * STEP.toMillis()),
                    Locale.ROOT);
        } catch (InvalidKeyException e) {
            throw new IllegalStateException("A stored TOTP secret is unusable", e);
        }
    }

    /**
     * The step within the skew of now for which {@code code} is right, and later than {@code usedUpTo} (the last step
     * accepted before; {@code Long.MIN_VALUE} for none); empty when there is none. Every candidate is computed and
     * compared in constant time, so timing tells nothing about which one matched.
     */
    OptionalLong match(String secret, String code, long usedUpTo) {
        if (code == null || !CODE.matcher(code).matches()) {
            return OptionalLong.empty();
        }
        byte[] presented = code.getBytes(StandardCharsets.US_ASCII);
        long now = currentStep();
        long found = Long.MIN_VALUE;
        for (long step = now - SKEW; step <= now + SKEW; step++) {
            boolean same = MessageDigest.isEqual(presented, code(secret, step).getBytes(StandardCharsets.US_ASCII));
            if (same && step > usedUpTo && found == Long.MIN_VALUE) {
                found = step;
            }
        }
        return found == Long.MIN_VALUE ? OptionalLong.empty() : OptionalLong.of(found);
    }

    /** Digits only: spaces that apps show in the middle ("123 456") are dropped. */
    static String normalise(String code) {
        return code == null ? null : code.replace(" ", "").replace("\u00a0", "").trim();
    }

    private static Key key(String secret) {
        return new SecretKeySpec(Base32.decode(pad(secret)), ALGORITHM);
    }

    private static String pad(String base32) {
        int rest = base32.length() % 8;
        return rest == 0 ? base32 : base32 + "=".repeat(8 - rest);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
