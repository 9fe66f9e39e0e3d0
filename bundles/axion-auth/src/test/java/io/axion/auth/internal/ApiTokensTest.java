package io.axion.auth.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.axion.api.auth.AuthenticatedUser;
import io.axion.api.auth.Roles;
import io.axion.api.error.NotFoundException;
import io.axion.api.error.ValidationException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiTokensTest {
    @TempDir
    Path dir;
    AuthFixture f;

    @BeforeEach
    void start() {
        f = AuthFixture.withAdmin(dir);
        f.auth.users().create("olivia", "operator-pass-1", Roles.OPERATOR);
    }

    @AfterEach
    void stop() {
        f.close();
    }

    ApiTokens.Created make(String owner, List<String> scopes, Instant expiresAt) {
        return f.auth.apiTokens().create(f.auth.currentUser(owner), "ci", scopes, null, expiresAt);
    }

    @Test
    void aTokenActsAsItsOwnerCappedByItsScopesAndIsShownOnce() {
        ApiTokens.Created operate = make("olivia", List.of("read", "operate"), null);
        assertThat(operate.secret()).matches("axn_[a-z0-9]{10}_[A-Za-z0-9_-]{43}");
        assertThat(f.auth.authenticateBearer(operate.secret())).contains(new AuthenticatedUser("olivia", "operator"));
        ApiTokens.Created read = make("admin", List.of("read"), null);
        assertThat(f.auth.authenticateBearer(read.secret())).contains(new AuthenticatedUser("admin", "viewer"));
        assertThat(f.auth.apiTokens().list("olivia")).singleElement()
                .satisfies(t -> assertThat(t.lastUsedAt()).isNotNull());
        String stored = f.store.inTransaction(c -> {
            try (var rs = c.createStatement().executeQuery("SELECT secret_sha256 FROM auth_api_token")) {
                StringBuilder all = new StringBuilder();
                while (rs.next()) {
                    all.append(rs.getString(1));
                }
                return all.toString();
            }
        });
        // The store keeps hashes only: the secret part of no token is in it.
        assertThat(stored).doesNotContain(operate.secret().substring(15)).hasSize(128);
    }

    @Test
    void aWrongSecretAnExpiredOrARevokedTokenIsRefused() {
        ApiTokens.Created token = make("olivia", List.of("operate"), f.clock.instant().plusSeconds(60));
        String forged = token.secret().substring(0, token.secret().length() - 1)
                + (token.secret().endsWith("A") ? "B" : "A");
        assertThat(f.auth.authenticateBearer(forged)).isEmpty();
        assertThat(f.auth.authenticateBearer("axn_nothing")).isEmpty();
        assertThat(f.auth.authenticateBearer(token.secret())).isPresent();
        f.clock.advance(Duration.ofSeconds(60));
        assertThat(f.auth.authenticateBearer(token.secret())).isEmpty();

        ApiTokens.Created other = make("olivia", List.of("read"), null);
        assertThatThrownBy(() -> f.auth.apiTokens().revoke(other.token().id(), "admin", false))
                .isInstanceOf(NotFoundException.class);
        f.auth.apiTokens().revoke(other.token().id(), "olivia", false);
        assertThat(f.auth.authenticateBearer(other.secret())).isEmpty();
    }

    @Test
    void aDeletedOwnerTakesItsTokensAlongEvenWhenTheNameComesBack() {
        ApiTokens.Created token = make("olivia", List.of("read"), null);
        f.auth.users().delete("olivia");
        f.auth.users().create("olivia", "operator-pass-9", Roles.OPERATOR);
        assertThat(f.auth.authenticateBearer(token.secret())).isEmpty();
    }

    @Test
    void badRequestsAreRefusedNamingTheField() {
        assertThatThrownBy(() -> make("olivia", List.of("admin"), null)).isInstanceOf(ValidationException.class)
                .hasMessageContaining("more than your role");
        assertThatThrownBy(() -> make("olivia", List.of(), null)).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> make("olivia", List.of("root"), null)).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> make("olivia", List.of("read"), f.clock.instant().minusSeconds(1)))
                .isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> f.auth.apiTokens().create(f.auth.currentUser("olivia"), " ", List.of("read"),
                null, null)).isInstanceOf(ValidationException.class);
        assertThat(f.auth.apiTokens().list(null)).isEmpty();
    }

    @Test
    void aTokenRevokedOnOneNodeIsRefusedOnTheOtherAtOnce(@TempDir Path other) {
        try (AuthFixture second = f.secondNode(other)) {
            ApiTokens.Created token = make("olivia", List.of("operate"), null);
            assertThat(second.auth.authenticateBearer(token.secret())).isPresent();
            f.auth.apiTokens().revoke(token.token().id(), "olivia", false);
            assertThat(second.auth.authenticateBearer(token.secret())).isEmpty();
        }
    }
}
