package io.axion.auth.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.axion.api.auth.AuthenticatedUser;
import io.axion.api.auth.CreatedApiToken;
import io.axion.api.auth.Roles;
import io.axion.api.error.NotFoundException;
import io.axion.api.error.ValidationException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shell's way to tokens: made for a named user with that user's rules, revoked for anyone at once. */
class ApiTokenAdminTest {
    @TempDir
    Path dir;
    AuthFixture f;
    ApiTokenAdmin admin;

    @BeforeEach
    void start() {
        f = AuthFixture.withAdmin(dir);
        f.auth.users().create("olivia", "operator-pass-1", Roles.OPERATOR);
        admin = new ApiTokenAdmin(f.auth);
    }

    @AfterEach
    void stop() {
        f.close();
    }

    @Test
    void aTokenMadeForAUserActsAsThatUserUntilRevoked() {
        CreatedApiToken created = admin.create("olivia", "ci", List.of("operate"), null, null);
        assertThat(f.auth.authenticateBearer(created.secret())).contains(new AuthenticatedUser("olivia", "operator"));
        assertThat(admin.list("olivia")).singleElement().satisfies(t -> {
            assertThat(t.id()).isEqualTo(created.token().id());
            assertThat(t.lastUsedAt()).isNotNull();
        });
        assertThat(admin.list(null)).hasSize(1);
        assertThat(admin.list("admin")).isEmpty();

        admin.revoke(created.token().id());
        assertThat(f.auth.authenticateBearer(created.secret())).isEmpty();
        assertThatThrownBy(() -> admin.revoke(created.token().id())).isInstanceOf(NotFoundException.class);
    }

    @Test
    void theOwnersRulesHold() {
        assertThatThrownBy(() -> admin.create("olivia", "ci", List.of("admin"), null, null))
                .isInstanceOf(ValidationException.class).hasMessageContaining("scopes");
        assertThatThrownBy(() -> admin.create("nobody", "ci", List.of("read"), null, null))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> admin.create(null, "ci", List.of("read"), null, null))
                .isInstanceOf(NotFoundException.class);
        assertThat(admin.list(null)).isEmpty();
    }
}
