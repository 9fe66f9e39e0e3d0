package io.axion.shell.users.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.axion.api.auth.AuditEntry;
import io.axion.api.auth.AuditEvent;
import io.axion.api.auth.AuditTrail;
import io.axion.api.auth.UserAccount;
import io.axion.api.auth.UserService;
import io.axion.api.error.ConflictException;
import io.axion.api.error.NotFoundException;
import io.axion.api.error.ValidationException;
import io.axion.shell.testing.FakeCommandLine;
import io.axion.shell.testing.Fields;
import io.axion.shell.testing.Output;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.karaf.shell.support.CommandException;
import org.junit.jupiter.api.Test;

class UserCommandsTest {
    static final Instant T = Instant.parse("2026-11-27T10:00:00.123Z");

    /** Accounts in memory, refusing a little like the auth bundle does. */
    static class FakeUsers implements UserService {
        final Map<String, UserAccount> accounts = new TreeMap<>(Map.of("admin",
                new UserAccount("admin", "admin", T, T)));

        @Override
        public List<UserAccount> list() {
            return List.copyOf(accounts.values());
        }

        @Override
        public Optional<UserAccount> find(String username) {
            return Optional.ofNullable(accounts.get(username));
        }

        @Override
        public UserAccount create(String username, String password, String role) {
            if (password == null) {
                throw new ValidationException("password", "is required");
            }
            if (role == null) {
                throw new ValidationException("role", "is required");
            }
            if (accounts.containsKey(username)) {
                throw new ConflictException("user-exists", "User '" + username + "' already exists");
            }
            UserAccount account = new UserAccount(username, role, T, T);
            accounts.put(username, account);
            return account;
        }

        @Override
        public void delete(String username) {
            if (accounts.remove(username) == null) {
                throw new NotFoundException("User", username);
            }
        }

        final Map<String, String> passwords = new TreeMap<>();

        @Override
        public void setPassword(String username, String password) {
            if (!accounts.containsKey(username)) {
                throw new NotFoundException("User", username);
            }
            if (password == null) {
                throw new ValidationException("password", "is required");
            }
            passwords.put(username, password);
        }
    }

    final FakeUsers users = new FakeUsers();
    final ObjectMapper mapper = new ObjectMapper();

    <T> T with(T command, boolean json) {
        Fields.set(command, "users", users);
        return Fields.set(command, "json", json);
    }

    UserAddCommand add(String username, String role, String password) {
        UserAddCommand command = with(new UserAddCommand(), false);
        Fields.set(command, "username", username);
        Fields.set(command, "role", role);
        return Fields.set(command, "password", password);
    }

    UserRemoveCommand remove(String username) {
        return Fields.set(with(new UserRemoveCommand(), false), "username", username);
    }

    @Test
    void addListRemove() throws Exception {
        assertThat(Output.of(add("ops", "operator", "Tr1cky-Secret"))).isEqualTo("User ops created (operator)\n");
        String table = Output.of(with(new UserListCommand(), false));
        assertThat(table).contains("USERNAME", "ROLE", "admin", "ops", "operator", "2026-11-27T10:00:00Z");

        assertThat(Output.of(remove("ops"))).isEqualTo("User ops deleted\n");
        assertThat(users.find("ops")).isEmpty();
    }

    @Test
    void listJsonIsTheRestShape() throws Exception {
        JsonNode json = mapper.readTree(Output.of(with(new UserListCommand(), true)));
        assertThat(json).hasSize(1);
        assertThat(json.get(0).path("username").asText()).isEqualTo("admin");
        assertThat(json.get(0).path("role").asText()).isEqualTo("admin");
        assertThat(json.get(0).path("createdAt").asText()).isEqualTo("2026-11-27T10:00:00.123Z");
        assertThat(json.get(0).has("passwordHash")).isFalse();
    }

    @Test
    void refusalsAreCommandErrors() {
        assertThatThrownBy(() -> Output.of(add("ops", null, "Tr1cky-Secret"))).isInstanceOf(CommandException.class)
                .hasMessage("Error 422 (validation): role: is required");
        assertThatThrownBy(() -> Output.of(add("admin", "viewer", "Tr1cky-Secret")))
                .isInstanceOf(CommandException.class).hasMessageStartingWith("Error 409 (user-exists)");
        assertThatThrownBy(() -> Output.of(remove("nobody"))).isInstanceOf(CommandException.class)
                .hasMessage("Error 404 (not-found): User 'nobody' does not exist");
    }

    @Test
    void withoutASessionToAskAMissingPasswordIsRefusedByTheService() {
        assertThatThrownBy(() -> Output.of(add("ops", "viewer", null))).isInstanceOf(CommandException.class)
                .hasMessage("Error 422 (validation): password: is required");
    }

    @Test
    void setsAPasswordAndRefusesAnUnknownUser() throws Exception {
        UserPasswordCommand set = Fields.set(with(new UserPasswordCommand(), false), "username", "admin");
        Fields.set(set, "password", "A-new-secret-1");
        assertThat(Output.of(set)).isEqualTo("Password of admin changed; its sessions must log in again\n");
        assertThat(users.passwords).containsEntry("admin", "A-new-secret-1");

        UserPasswordCommand unknown = Fields.set(with(new UserPasswordCommand(), false), "username", "nobody");
        Fields.set(unknown, "password", "A-new-secret-1");
        assertThatThrownBy(() -> Output.of(unknown)).isInstanceOf(CommandException.class)
                .hasMessage("Error 404 (not-found): User 'nobody' does not exist");
    }

    /** An audit log of two entries that refuses limits as the auth bundle does. */
    static final class FakeTrail implements AuditTrail {
        final List<AuditEntry> entries = List.of(
                new AuditEntry(2, T, "admin", "shell", "ssh", "axion:user-remove ops", "/192.0.2.7:50122", 200),
                new AuditEntry(1, T, null, "login-failed", "POST", "/api/v1/auth/login", "192.0.2.8", 401));

        @Override
        public void record(AuditEvent event) {
        }

        @Override
        public List<AuditEntry> recent(int limit, String user) {
            if (limit < 1 || limit > MAX_LIMIT) {
                throw new ValidationException("limit", "must be a whole number from 1 to " + MAX_LIMIT);
            }
            return entries.stream().filter(e -> user == null || user.equals(e.user())).limit(limit).toList();
        }
    }

    AuditCommand audit(int limit, String user, boolean json) {
        AuditCommand command = Fields.set(new AuditCommand(), "trail", new FakeTrail());
        Fields.set(command, "limit", limit);
        Fields.set(command, "user", user);
        return Fields.set(command, "json", json);
    }

    @Test
    void showsTheAuditLogAsATableOrTheRestShape() throws Exception {
        String table = Output.of(audit(50, null, false));
        assertThat(table).contains("WHEN", "WHO", "ACTION", "WHAT", "FROM", "OUTCOME",
                "ssh axion:user-remove ops", "/192.0.2.7:50122", "POST /api/v1/auth/login", "401");
        JsonNode json = mapper.readTree(Output.of(audit(1, "admin", true)));
        assertThat(json).hasSize(1);
        assertThat(json.get(0).path("path").asText()).isEqualTo("axion:user-remove ops");
        assertThat(json.get(0).path("at").asText()).isEqualTo("2026-11-27T10:00:00.123Z");
        assertThatThrownBy(() -> Output.of(audit(0, null, false))).isInstanceOf(CommandException.class)
                .hasMessageStartingWith("Error 422 (validation): limit:");
    }

    @Test
    void completesUsernames() {
        users.create("ops", "x", "operator");
        UsernameCompleter completer = Fields.set(new UsernameCompleter(), "users", users);
        List<String> candidates = new ArrayList<>();
        completer.complete(null, new FakeCommandLine("axion:user-remove", "o"), candidates);
        assertThat(candidates).extracting(String::trim).containsExactly("ops");
    }
}
