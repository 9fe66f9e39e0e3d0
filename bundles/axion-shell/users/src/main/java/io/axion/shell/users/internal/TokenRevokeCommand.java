package io.axion.shell.users.internal;

import io.axion.api.auth.ApiTokenService;
import io.axion.shell.AxionAction;
import java.io.PrintStream;
import java.util.Map;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Service
@Command(scope = "axion", name = "token-revoke", description = "Revoke an API token at once, on every node")
public class TokenRevokeCommand extends AxionAction {

    @Reference
    ApiTokenService tokens;

    @Argument(index = 0, name = "id", required = true)
    @Completion(TokenIdCompleter.class)
    String id;

    @Override
    protected void run(PrintStream out) {
        tokens.revoke(id);
        if (json) {
            printJson(out, Map.of("id", id, "revoked", true));
        } else {
            out.println("Token " + id + " revoked");
        }
    }

    @Override
    protected String audited() {
        return id;
    }
}
