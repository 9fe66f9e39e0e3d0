package io.axion.auth.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.axion.api.auth.AuthenticatedUser;
import io.axion.api.error.AxionException;
import java.nio.file.Files;
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
    void theSigningKeyIsMadeOnceOwnerOnlyAndAWidenedModeIsNarrowed() throws Exception {
        Path key = dir.resolve(SigningKey.FILE_NAME);
        String token;
        try (AuthFixture f = AuthFixture.withAdmin(dir)) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
            token = f.login("admin", AuthFixture.ADMIN_PASSWORD);
        }
        String content = Files.readString(key);
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));
        try (AuthFixture f = AuthFixture.withAdmin(dir)) {
            assertThat(Files.readString(key)).isEqualTo(content);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
            assertThat(f.auth.authenticateBearer(token)).isPresent();
        }
        // A new key (the file deleted) revokes every token.
        Files.delete(key);
        try (AuthFixture f = AuthFixture.withAdmin(dir)) {
            assertThat(f.auth.authenticateBearer(token)).isEmpty();
        }
    }
}
