package io.axion.shell.users.internal;

import io.axion.api.auth.Roles;
import io.axion.api.auth.UserAccount;
import io.axion.api.auth.UserService;
import io.axion.shell.AxionAction;
import java.io.IOException;
import java.io.PrintStream;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.CommandException;
import org.apache.karaf.shell.support.completers.StringsCompleter;

@Service
@Command(scope = "axion", name = "user-add", description = "Create an Axion user (asks for the password unless given)")
public class UserAddCommand extends AxionAction {

    @Reference
    UserService users;

    @Reference
    Session session;

    @Argument(index = 0, name = "username", description = "1-32 characters of a-z, 0-9, '.', '_' or '-'",
            required = true)
    String username;

    @Option(name = "--role", aliases = "-r", description = "viewer, operator or admin")
    @Completion(value = StringsCompleter.class, values = {Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN})
    String role;

    /** Censored: Karaf keeps it out of the history. Without it, the password is asked for. */
    @Option(name = "--password", aliases = "-p", description = "The password (asked for when left out)",
            censor = true)
    String password;

    @Override
    protected void run(PrintStream out) throws IOException, CommandException {
        String secret = PasswordPrompt.passwordOrAsk(password, session);
        UserAccount created = users.create(username, secret, role);
        if (json) {
            printJson(out, created);
        } else {
            out.println("User " + created.username() + " created (" + created.role() + ")");
        }
    }

    /** The username and role, never the password. */
    @Override
    protected String audited() {
        return username + " role=" + role;
    }
}
