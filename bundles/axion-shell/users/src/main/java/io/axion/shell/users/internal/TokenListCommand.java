package io.axion.shell.users.internal;

import io.axion.api.auth.ApiToken;
import io.axion.api.auth.ApiTokenService;
import io.axion.shell.AxionAction;
import java.io.PrintStream;
import java.util.List;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

@Service
@Command(scope = "axion", name = "token-list", description = "List API tokens (everyone's, or one user's) with "
        + "their scopes, tenant, expiry and last use")
public class TokenListCommand extends AxionAction {

    @Reference
    ApiTokenService tokens;

    @Option(name = "--user", description = "only this user's tokens")
    @Completion(UsernameCompleter.class)
    String owner;

    @Override
    protected void run(PrintStream out) {
        List<ApiToken> all = tokens.list(owner);
        if (json) {
            printJson(out, all);
            return;
        }
        ShellTable table = new ShellTable();
        for (String column : List.of("ID", "OWNER", "NAME", "SCOPES", "TENANT", "CREATED", "EXPIRES", "LAST USED")) {
            table.column(column);
        }
        for (ApiToken token : all) {
            table.addRow().addContent(token.id(), token.owner(), token.name(), String.join(",", token.scopes()),
                    text(token.tenant()), time(token.createdAt()), time(token.expiresAt()),
                    time(token.lastUsedAt()));
        }
        print(out, table);
    }
}
