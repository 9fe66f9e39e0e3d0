package io.axion.auth.internal;

import io.axion.auth.internal.UserRecord.UserState;
import io.jsonwebtoken.Claims;
import io.jsonwebtoken.JwtException;
import io.jsonwebtoken.JwtParser;
import io.jsonwebtoken.Jwts;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.Optional;
import javax.crypto.SecretKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issues and checks login tokens: JWS signed with HS256 and nothing else. The parser accepts only HS256, so an
 * unsigned ({@code alg: none}) token or one naming any other algorithm fails before its claims are read. A token
 * names its user's id and token generation; {@link #verify} only checks the signature and the times, the caller
 * compares those with the user as it is now.
 */
final class TokenService {
    private static final Logger LOG = LoggerFactory.getLogger(TokenService.class);
    static final String ISSUER = "axion";
    private static final int MAX_TOKEN_LENGTH = 4096;

    private final SecretKey key;
    private final Clock clock;
    private final Duration ttl;
    private final JwtParser parser;

    TokenService(SecretKey key, Clock clock, Duration ttl) {
        this.key = key;
        this.clock = clock;
        this.ttl = ttl;
        this.parser = Jwts.parser()
                .verifyWith(key)
                .sig().clear().add(Jwts.SIG.HS256).and()
                .zip().clear().and()
                .requireIssuer(ISSUER)
                .clock(() -> Date.from(clock.instant()))
                .build();
    }

    record Issued(String token, Instant expiresAt) {
    }

    record Verified(String username, String userId, long tokenGeneration, Instant expiresAt) {
    }

    Issued issue(UserState user) {
        // JWT times are whole seconds.
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant expiresAt = now.plus(ttl);
        String token = Jwts.builder()
                .issuer(ISSUER)
                .subject(user.username())
                .claim("uid", user.userId())
                .claim("gen", user.tokenGeneration())
                .issuedAt(Date.from(now))
                .expiration(Date.from(expiresAt))
                .signWith(key, Jwts.SIG.HS256)
                .compact();
        return new Issued(token, expiresAt);
    }

    /** The claims of a well-signed, unexpired token; empty for anything else. Never logs the token. */
    Optional<Verified> verify(String token) {
        if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_LENGTH) {
            return Optional.empty();
        }
        try {
            Claims claims = parser.parseSignedClaims(token).getPayload();
            String username = claims.getSubject();
            Object uid = claims.get("uid");
            Object gen = claims.get("gen");
            if (username == null || !(uid instanceof String) || !(gen instanceof Number)
                    || claims.getExpiration() == null) {
                return Optional.empty();
            }
            // RFC 7519: not accepted on or after exp (jjwt still accepts the very second of exp).
            if (!clock.instant().isBefore(claims.getExpiration().toInstant())) {
                return Optional.empty();
            }
            return Optional.of(new Verified(username, (String) uid, ((Number) gen).longValue(),
                    claims.getExpiration().toInstant()));
        } catch (JwtException | IllegalArgumentException | ClassCastException e) {
            LOG.debug("Token refused: {}", e.getClass().getSimpleName());
            return Optional.empty();
        }
    }
}
