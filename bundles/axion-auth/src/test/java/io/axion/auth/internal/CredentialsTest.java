package io.axion.auth.internal;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.axion.api.error.ValidationException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class CredentialsTest {
    private final Credentials credentials = new Credentials(10);

    @ParameterizedTest
    @ValueSource(strings = {"a", "admin", "ops.team", "j_doe-2", "abcdefghijklmnopqrstuvwxyz012345"})
    void acceptsUsernames(String name) {
        assertThatCode(() -> Credentials.checkUsername(name)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"Admin", "1admin", "-x", "a b", "admin/", "../x", "abcdefghijklmnopqrstuvwxyz0123456",
        "ädmin", "admin\u0000", "a;drop"})
    void refusesUsernames(String name) {
        assertThatThrownBy(() -> Credentials.checkUsername(name)).isInstanceOf(ValidationException.class)
                .hasMessageStartingWith("username:");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"short", "123456789", "aaaaaaaaaaaa", "abababababab", "my-alice-password"})
    void refusesWeakPasswords(String password) {
        assertThatThrownBy(() -> credentials.checkPassword("password", "alice", password))
                .isInstanceOf(ValidationException.class).hasMessageStartingWith("password:");
    }

    @ParameterizedTest
    @ValueSource(strings = {"correct horse battery", "Tr0ub4dor&3x", "ünïcödé-pässwörd"})
    void acceptsReasonablePasswords(String password) {
        assertThatCode(() -> credentials.checkPassword("password", "alice", password)).doesNotThrowAnyException();
    }

    @org.junit.jupiter.api.Test
    void refusesOverlongPasswordsAndUnknownRoles() {
        assertThatThrownBy(() -> credentials.checkPassword("password", "bob", "abcd".repeat(65)))
                .isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> Credentials.checkRole("root")).isInstanceOf(ValidationException.class)
                .hasMessageStartingWith("role:");
        assertThatThrownBy(() -> Credentials.checkRole(null)).isInstanceOf(ValidationException.class);
        assertThatCode(() -> Credentials.checkRole("operator")).doesNotThrowAnyException();
    }
}
