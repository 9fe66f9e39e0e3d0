package io.axion.auth.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.axion.api.auth.UserAccount;
import io.axion.api.error.ConflictException;
import io.axion.api.error.NotFoundException;
import io.axion.api.error.ValidationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UserAccountsTest {
    @TempDir
    java.nio.file.Path dir;
    AuthFixture fixture;
    UserAccounts accounts;

    @BeforeEach
    void open() {
        fixture = AuthFixture.withAdmin(dir);
        accounts = new UserAccounts(fixture.auth);
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void createsListsFindsAndDeletesWithoutHashes() {
        UserAccount created = accounts.create("ops", "Tr1cky-Secret", "operator");
        assertThat(created.role()).isEqualTo("operator");
        assertThat(created.createdAt()).isNotNull();
        assertThat(accounts.list()).extracting(UserAccount::username).containsExactly("admin", "ops");
        assertThat(accounts.find("ops")).contains(created);

        accounts.delete("ops");
        assertThat(accounts.find("ops")).isEmpty();
    }

    @Test
    void checksLikeTheRestRoute() {
        assertThatThrownBy(() -> accounts.create("Bad Name", "Tr1cky-Secret", "viewer"))
                .isInstanceOf(ValidationException.class).hasMessageStartingWith("username:");
        assertThatThrownBy(() -> accounts.create("bob", "aaaa", "viewer"))
                .isInstanceOf(ValidationException.class).hasMessageStartingWith("password:");
        assertThatThrownBy(() -> accounts.create("bob", "Tr1cky-Secret", "root"))
                .isInstanceOf(ValidationException.class).hasMessageStartingWith("role:");
        assertThatThrownBy(() -> accounts.create("admin", "Tr1cky-Secret", "viewer"))
                .isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> accounts.delete("nobody")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> accounts.delete("NOT valid")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> accounts.delete("admin")).isInstanceOf(ConflictException.class);
    }
}
