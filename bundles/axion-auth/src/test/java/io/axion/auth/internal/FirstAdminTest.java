package io.axion.auth.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.axion.api.auth.AuthenticatedUser;
import io.axion.api.error.AxionException;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.util.Base64;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FirstAdminTest {
    @TempDir
    Path dir;

    @Test
    void usesTheEnvironmentsPasswordAndWritesNoFile() {
        try (AuthFixture f = new AuthFixture(dir, Map.of(), "env-admin-secret")) {
            assertThat(f.auth.authenticateBearer(f.login("admin", "env-admin-secret")))
                    .contains(new AuthenticatedUser("admin", "admin"));
            assertThat(dir.resolve(FirstAdmin.FILE_NAME)).doesNotExist();
        }
    }

    @Test
    void withoutTheEnvironmentWritesARandomPasswordOwnerOnly() throws Exception {
        try (AuthFixture f = new AuthFixture(dir, Map.of(), null)) {
            Path file = dir.resolve(FirstAdmin.FILE_NAME);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
            String password = Files.readString(file).trim();
            assertThat(password).hasSize(20).matches("[A-Za-z2-9]+");
            assertThat(f.auth.authenticateBearer(f.login("admin", password))).isPresent();
            // Not a fixed default: another first boot makes another password.
            try (AuthFixture other = new AuthFixture(dir.resolve("other"), Map.of(), "")) {
                assertThat(Files.readString(dir.resolve("other").resolve(FirstAdmin.FILE_NAME)).trim())
                        .isNotEqualTo(password);
            }
        }
    }

    @Test
    void onlyTheFirstBootCreatesTheAdmin() throws Exception {
        AuthFixture f = new AuthFixture(dir, Map.of(), null);
        String password = Files.readString(dir.resolve(FirstAdmin.FILE_NAME)).trim();
        f = f.restart(Map.of(), "a-later-env-password");
        assertThat(Files.readString(dir.resolve(FirstAdmin.FILE_NAME)).trim()).isEqualTo(password);
        AuthFixture g = f;
        assertThatThrownBy(() -> g.login("admin", "a-later-env-password")).isInstanceOf(AxionException.class);
        assertThat(f.auth.users().list()).hasSize(1);
        f.close();
    }

    @Test
    void theFileGoesAwayWhenTheAdminChoosesAPassword() throws Exception {
        try (AuthFixture f = new AuthFixture(dir, Map.of(), null)) {
            String password = Files.readString(dir.resolve(FirstAdmin.FILE_NAME)).trim();
            f.auth.changePassword("admin", password, "my own new secret", "127.0.0.1");
            assertThat(dir.resolve(FirstAdmin.FILE_NAME)).doesNotExist();
        }
    }

    @Test
    void aStaleFileFromAnEarlierDatabaseIsReplaced() throws Exception {
        Files.writeString(dir.resolve(FirstAdmin.FILE_NAME), "stale-password\n");
        try (AuthFixture f = new AuthFixture(dir, Map.of(), null)) {
            String password = Files.readString(dir.resolve(FirstAdmin.FILE_NAME)).trim();
            assertThat(password).isNotEqualTo("stale-password");
            assertThat(f.auth.authenticateBearer(f.login("admin", password))).isPresent();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(
                    dir.resolve(FirstAdmin.FILE_NAME)))).isEqualTo("rw-------");
        }
    }

    @Test
    void theSigningKeyLivesInTheStoreAndAnOldKeyFileIsMovedThere() throws Exception {
        Path file = dir.resolve(SigningKey.FILE_NAME);
        byte[] legacy = new byte[32];
        new SecureRandom().nextBytes(legacy);
        Files.writeString(file, Base64.getEncoder().encodeToString(legacy) + "\n");
        String token;
        try (AuthFixture f = AuthFixture.withAdmin(dir)) {
            assertThat(file).doesNotExist();
            assertThat(storedKey(f)).isEqualTo(Base64.getEncoder().encodeToString(legacy));
            token = f.login("admin", AuthFixture.ADMIN_PASSWORD);
        }
        try (AuthFixture f = AuthFixture.withAdmin(dir)) {
            assertThat(f.auth.authenticateBearer(token)).isPresent();
            // A new key (the stored one deleted) revokes every token.
            f.store.inTransaction(c -> c.createStatement().executeUpdate("DELETE FROM auth_signing_key"));
        }
        try (AuthFixture f = AuthFixture.withAdmin(dir)) {
            assertThat(f.auth.authenticateBearer(token)).isEmpty();
            assertThat(storedKey(f)).isNotEqualTo(Base64.getEncoder().encodeToString(legacy));
        }
    }

    private static String storedKey(AuthFixture f) {
        return f.store.inTransaction(c -> {
            try (ResultSet rs = c.createStatement().executeQuery("SELECT secret FROM auth_signing_key")) {
                rs.next();
                return rs.getString(1);
            }
        });
    }
}
