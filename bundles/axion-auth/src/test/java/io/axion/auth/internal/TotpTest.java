package io.axion.auth.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.axion.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The codes, their clock and skew, and the URI apps read. */
class TotpTest {
    /** RFC 6238, appendix B: the ASCII secret "12345678901234567890" in Base32. */
    static final String RFC_SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

    final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:10Z"));
    final Totp totp = new Totp(clock);

    @Test
    void codesAreThoseOfRfc6238sTestVectorsCutToSixDigits() {
        assertThat(totp.code(RFC_SECRET, 59 / 30)).isEqualTo("287082");
        assertThat(totp.code(RFC_SECRET, 1111111109L / 30)).isEqualTo("081804");
        assertThat(totp.code(RFC_SECRET, 1234567890L / 30)).isEqualTo("005924");
        assertThat(totp.code(RFC_SECRET, 2000000000L / 30)).isEqualTo("279037");
    }

    @Test
    void oneStepOfSkewEitherWayIsAcceptedAndTwoAreNot() {
        String secret = totp.newSecret();
        long now = totp.currentStep();
        assertThat(totp.match(secret, totp.code(secret, now), Long.MIN_VALUE)).hasValue(now);
        assertThat(totp.match(secret, totp.code(secret, now - 1), Long.MIN_VALUE)).hasValue(now - 1);
        assertThat(totp.match(secret, totp.code(secret, now + 1), Long.MIN_VALUE)).hasValue(now + 1);
        assertThat(totp.match(secret, totp.code(secret, now - 2), Long.MIN_VALUE)).isEmpty();
        assertThat(totp.match(secret, totp.code(secret, now + 2), Long.MIN_VALUE)).isEmpty();

        // The same code, as the clock moves on: good for its step and the next, gone after that.
        String code = totp.code(secret, now);
        clock.advance(Totp.STEP);
        assertThat(totp.match(secret, code, Long.MIN_VALUE)).hasValue(now);
        clock.advance(Totp.STEP);
        assertThat(totp.match(secret, code, Long.MIN_VALUE)).isEmpty();
    }

    @Test
    void aStepUsedAlreadyOrBeforeOneUsedIsRefused() {
        String secret = totp.newSecret();
        long now = totp.currentStep();
        assertThat(totp.match(secret, totp.code(secret, now), now)).isEmpty();
        assertThat(totp.match(secret, totp.code(secret, now - 1), now)).isEmpty();
        assertThat(totp.match(secret, totp.code(secret, now + 1), now)).hasValue(now + 1);
    }

    @Test
    void malformedCodesAreRefusedWithoutAnError() {
        String secret = totp.newSecret();
        for (String bad : new String[] {null, "", "12345", "1234567", "abcdef", "12 345", "１２３４５６"}) {
            assertThat(totp.match(secret, bad, Long.MIN_VALUE)).as(String.valueOf(bad)).isEmpty();
        }
        assertThat(Totp.normalise(" 123 456 ")).isEqualTo("123456");
    }

    @Test
    void secretsAre160RandomBitsInBase32() {
        String secret = totp.newSecret();
        assertThat(secret).matches("[A-Z2-7]{32}").isNotEqualTo(totp.newSecret());
        assertThat(Totp.STEP).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void theUriIsTheKeyUriFormatAppsRead() {
        assertThat(Totp.uri("Axion lab", "alice", "ABC"))
                .isEqualTo("otpauth://totp/Axion%20lab:alice?secret=ABC&issuer=Axion%20lab&algorithm=SHA1&digits=6"
                        + "&period=30");
    }
}
