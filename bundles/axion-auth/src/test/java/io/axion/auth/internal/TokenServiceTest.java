package io.axion.auth.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.axion.auth.internal.UserRecord.UserState;
import io.axion.testing.MutableClock;
import io.jsonwebtoken.Jwts;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Date;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class TokenServiceTest {
    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder URLD = Base64.getUrlDecoder();

    private final byte[] keyBytes = randomBytes(32);
    private final SecretKeySpec key = new SecretKeySpec(keyBytes, "HmacSHA256");
    private final MutableClock clock = new MutableClock();
    private final TokenService tokens = new TokenService(key, clock, Duration.ofHours(24));
    private final UserState alice = new UserState("alice", "uid-1", "operator", 3);

    @Test
    void aFreshTokenCarriesItsUserIdAndGeneration() {
        TokenService.Issued issued = tokens.issue(alice);
        assertThat(issued.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofHours(24)));
        assertThat(tokens.verify(issued.token())).hasValueSatisfying(v -> {
            assertThat(v.username()).isEqualTo("alice");
            assertThat(v.userId()).isEqualTo("uid-1");
            assertThat(v.tokenGeneration()).isEqualTo(3);
        });
        assertThat(header(issued.token())).contains("\"alg\":\"HS256\"");
    }

    @Test
    void expiresAfter24Hours() {
        String token = tokens.issue(alice).token();
        clock.advance(Duration.ofHours(24).minusSeconds(1));
        assertThat(tokens.verify(token)).isPresent();
        clock.advance(Duration.ofSeconds(1));
        assertThat(tokens.verify(token)).isEmpty();
    }

    @Test
    void refusesATamperedPayloadOrSignature() {
        String[] parts = tokens.issue(alice).token().split("\\.");
        String payload = new String(URLD.decode(parts[1]), StandardCharsets.UTF_8).replace("alice", "admin");
        assertThat(tokens.verify(parts[0] + "." + URL.encodeToString(payload.getBytes(StandardCharsets.UTF_8))
                + "." + parts[2])).isEmpty();
        char last = parts[2].charAt(0);
        String flipped = (last == 'A' ? 'B' : 'A') + parts[2].substring(1);
        assertThat(tokens.verify(parts[0] + "." + parts[1] + "." + flipped)).isEmpty();
        assertThat(tokens.verify(parts[0] + "." + parts[1] + ".")).isEmpty();
    }

    @Test
    void refusesAlgNoneWithOrWithoutASignature() {
        String[] parts = tokens.issue(alice).token().split("\\.");
        String none = URL.encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(tokens.verify(none + "." + parts[1] + ".")).isEmpty();
        assertThat(tokens.verify(none + "." + parts[1] + "." + parts[2])).isEmpty();
        String noneUpper = URL.encodeToString("{\"alg\":\"NONE\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(tokens.verify(noneUpper + "." + parts[1] + ".")).isEmpty();
    }

    @Test
    void refusesAnotherHmacAlgorithmEvenWithTheRightKey() throws Exception {
        String payload = tokens.issue(alice).token().split("\\.")[1];
        for (String[] alg : new String[][] {{"HS384", "HmacSHA384"}, {"HS512", "HmacSHA512"}}) {
            String header = URL.encodeToString(("{\"alg\":\"" + alg[0] + "\"}").getBytes(StandardCharsets.UTF_8));
            Mac mac = Mac.getInstance(alg[1]);
            mac.init(new SecretKeySpec(keyBytes, alg[1]));
            byte[] sig = mac.doFinal((header + "." + payload).getBytes(StandardCharsets.US_ASCII));
            assertThat(tokens.verify(header + "." + payload + "." + URL.encodeToString(sig))).as(alg[0]).isEmpty();
        }
    }

    @Test
    void refusesAnRsaSignedToken() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair rsa = generator.generateKeyPair();
        String token = Jwts.builder().issuer(TokenService.ISSUER).subject("alice").claim("uid", "uid-1")
                .claim("gen", 3).expiration(Date.from(clock.instant().plusSeconds(60)))
                .signWith(rsa.getPrivate(), Jwts.SIG.RS256).compact();
        assertThat(tokens.verify(token)).isEmpty();
    }

    @Test
    void refusesATokenOfAnotherKeyOrIssuerAndGarbage() {
        TokenService other = new TokenService(new SecretKeySpec(randomBytes(32), "HmacSHA256"), clock,
                Duration.ofHours(1));
        assertThat(tokens.verify(other.issue(alice).token())).isEmpty();
        String foreignIssuer = Jwts.builder().issuer("someone-else").subject("alice").claim("uid", "uid-1")
                .claim("gen", 3).expiration(Date.from(clock.instant().plusSeconds(60)))
                .signWith(key, Jwts.SIG.HS256).compact();
        assertThat(tokens.verify(foreignIssuer)).isEmpty();
        String noUid = Jwts.builder().issuer(TokenService.ISSUER).subject("alice").claim("gen", 3)
                .expiration(Date.from(clock.instant().plusSeconds(60))).signWith(key, Jwts.SIG.HS256).compact();
        assertThat(tokens.verify(noUid)).isEmpty();
        String noExpiry = Jwts.builder().issuer(TokenService.ISSUER).subject("alice").claim("uid", "uid-1")
                .claim("gen", 3).signWith(key, Jwts.SIG.HS256).compact();
        assertThat(tokens.verify(noExpiry)).isEmpty();
        for (String junk : new String[] {null, "", "a", "a.b", "a.b.c", "...", "Bearer x", "x".repeat(5000),
            "eyJhbGciOiJIUzI1NiJ9.e30.", "\u0000.\u0000.\u0000"}) {
            assertThat(tokens.verify(junk)).as(String.valueOf(junk)).isEmpty();
        }
    }

    private static String header(String token) {
        return new String(URLD.decode(token.split("\\.")[0]), StandardCharsets.UTF_8);
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }
}
