package io.axion.shell.users.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.axion.api.auth.ApiToken;
import io.axion.api.auth.ApiTokenService;
import io.axion.api.auth.CreatedApiToken;
import io.axion.api.error.NotFoundException;
import io.axion.api.error.ValidationException;
import io.axion.shell.testing.Fields;
import io.axion.shell.testing.Output;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.karaf.shell.support.CommandException;
import org.junit.jupiter.api.Test;

class TokenCommandsTest {
    static final Instant T = Instant.parse("2026-12-07T10:00:00Z");

    /** Tokens in memory; what it was asked is what the command parsed. */
    static class FakeTokens implements ApiTokenService {
        final List<ApiToken> tokens = new ArrayList<>();

        @Override
        public List<ApiToken> list(String owner) {
            return tokens.stream().filter(t -> owner == null || t.owner().equals(owner)).toList();
        }

        @Override
        public CreatedApiToken create(String owner, String name, List<String> scopes, String tenant,
                                      Instant expiresAt) {
            if (!owner.equals("olivia")) {
                throw new NotFoundException("User", owner);
            }
            if (scopes.contains("admin")) {
                throw new ValidationException("scopes", "'admin' is more than your role operator");
            }
            ApiToken token = new ApiToken("t" + tokens.size(), name, owner, scopes, tenant, T, expiresAt, null);
            tokens.add(token);
            return new CreatedApiToken(token, "axn_abcdefghij_secret");
        }

        @Override
        public void revoke(String id) {
            if (!tokens.removeIf(t -> t.id().equals(id))) {
                throw new NotFoundException("Token", id);
            }
        }
    }

    final FakeTokens tokens = new FakeTokens();
    final ObjectMapper mapper = new ObjectMapper();

    <T> T with(T command, boolean json) {
        Fields.set(command, "tokens", tokens);
        return Fields.set(command, "json", json);
    }

    TokenCreateCommand create(String owner, List<String> scopes, String expires) {
        TokenCreateCommand command = with(new TokenCreateCommand(), false);
        Fields.set(command, "clock", Clock.fixed(T, ZoneOffset.UTC));
        Fields.set(command, "owner", owner);
        Fields.set(command, "name", "ci");
        Fields.set(command, "tenant", "lab");
        Fields.set(command, "expires", expires);
        return scopes == null ? command : Fields.set(command, "scopes", scopes);
    }

    @Test
    void createsShowsTheSecretOnceListsAndRevokes() throws Exception {
        String made = Output.of(create("olivia", List.of("read", "operate"), "30d"));
        assertThat(made).isEqualTo("Token t0 created for olivia (read, operate). Copy it now, it is not shown "
                + "again:\naxn_abcdefghij_secret\n");
        assertThat(tokens.tokens).singleElement().satisfies(t -> {
            assertThat(t.expiresAt()).isEqualTo(Instant.parse("2027-01-06T10:00:00Z"));
            assertThat(t.tenant()).isEqualTo("lab");
        });

        String table = Output.of(with(new TokenListCommand(), false));
        assertThat(table).contains("ID", "LAST USED", "t0", "olivia", "read,operate", "lab", "2027-01-06T10:00:00Z")
                .doesNotContain("secret");
        JsonNode json = mapper.readTree(Output.of(with(new TokenListCommand(), true)));
        assertThat(json.get(0).path("scopes").toString()).isEqualTo("[\"read\",\"operate\"]");
        assertThat(json.get(0).has("secret")).isFalse();

        assertThat(Output.of(Fields.set(with(new TokenRevokeCommand(), false), "id", "t0")))
                .isEqualTo("Token t0 revoked\n");
        assertThat(tokens.tokens).isEmpty();
    }

    @Test
    void aTokenWithoutScopesReadsAndAnRfc3339ExpiryIsTakenAsItIs() throws Exception {
        Output.of(create("olivia", null, "2027-03-01T00:00:00Z"));
        assertThat(tokens.tokens).singleElement().satisfies(t -> {
            assertThat(t.scopes()).containsExactly("read");
            assertThat(t.expiresAt()).isEqualTo(Instant.parse("2027-03-01T00:00:00Z"));
        });
    }

    @Test
    void refusalsAreCommandErrors() {
        assertThatThrownBy(() -> Output.of(create("olivia", List.of("admin"), null)))
                .isInstanceOf(CommandException.class)
                .hasMessage("Error 422 (validation): scopes: 'admin' is more than your role operator");
        assertThatThrownBy(() -> Output.of(create("nobody", null, null))).isInstanceOf(CommandException.class)
                .hasMessage("Error 404 (not-found): User 'nobody' does not exist");
        assertThatThrownBy(() -> Output.of(create("olivia", null, "next week"))).isInstanceOf(CommandException.class)
                .hasMessageStartingWith("Error 422 (validation): expires:");
        assertThatThrownBy(() -> Output.of(Fields.set(with(new TokenRevokeCommand(), false), "id", "gone")))
                .isInstanceOf(CommandException.class).hasMessage("Error 404 (not-found): Token 'gone' does not exist");
        assertThat(tokens.tokens).isEmpty();
    }
}
