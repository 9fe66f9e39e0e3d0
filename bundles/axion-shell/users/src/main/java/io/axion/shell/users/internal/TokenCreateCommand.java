package io.axion.shell.users.internal;

import io.axion.api.auth.ApiTokenService;
import io.axion.api.auth.CreatedApiToken;
import io.axion.api.error.ValidationException;
import io.axion.shell.AxionAction;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.StringsCompleter;

/** Makes an API token for a user, as {@code POST /api/v1/tokens} does for the caller; the secret is printed once. */
@Service
@Command(scope = "axion", name = "token-create", description = "Create an API token for a user; its secret is "
        + "shown this once")
public class TokenCreateCommand extends AxionAction {
    private static final Pattern RELATIVE = Pattern.compile("(\\d{1,6})([mhd])");

    @Reference
    ApiTokenService tokens;

    Clock clock = Clock.systemUTC();

    @Argument(index = 0, name = "user", description = "the token's owner", required = true)
    @Completion(UsernameCompleter.class)
    String owner;

    @Argument(index = 1, name = "name", description = "what the token is for, e.g. ci", required = true)
    String name;

    @Option(name = "--scope", description = "read, operate or admin (repeat for several); at most the owner's role",
            multiValued = true)
    @Completion(value = StringsCompleter.class, values = {"read", "operate", "admin"})
    List<String> scopes = List.of("read");

    @Option(name = "--tenant", description = "the tenant the token acts in")
    @Completion(TenantNameCompleter.class)
    String tenant;

    @Option(name = "--expires", description = "RFC 3339 time, or from now: 90m, 12h, 30d")
    String expires;

    @Override
    protected void run(PrintStream out) {
        CreatedApiToken created = tokens.create(owner, name, scopes, tenant, expiry());
        if (json) {
            printJson(out, created);
            return;
        }
        out.println("Token " + created.token().id() + " created for " + owner + " ("
                + String.join(", ", created.token().scopes()) + "). Copy it now, it is not shown again:");
        out.println(created.secret());
    }

    private Instant expiry() {
        if (expires == null) {
            return null;
        }
        Matcher relative = RELATIVE.matcher(expires);
        if (relative.matches()) {
            long amount = Long.parseLong(relative.group(1));
            Duration ahead = switch (relative.group(2)) {
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
            return clock.instant().plus(ahead);
        }
        try {
            return Instant.parse(expires);
        } catch (DateTimeParseException e) {
            throw new ValidationException("expires", "'" + expires + "' is neither an RFC 3339 time nor like 30d");
        }
    }

    @Override
    protected String audited() {
        return owner + "/" + name;
    }
}
