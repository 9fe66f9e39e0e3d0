package io.axion.shell.users.internal;

import io.axion.api.auth.UserService;
import io.axion.shell.AxionAction;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Map;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.CommandException;

@Service
@Command(scope = "axion", name = "user-password",
        description = "Set a user's password (asks for it unless given); the user's tokens stop working at once")
public class UserPasswordCommand extends AxionAction {

    @Reference
    UserService users;

    @Reference
    Session session;

    @Argument(index = 0, name = "username", required = true)
    @Completion(UsernameCompleter.class)
    String username;

    /** Censored: Karaf keeps it out of the history. Without it, the password is asked for. */
    @Option(name = "--password", aliases = "-p", description = "The new password (asked for when left out)",
            censor = true)
    String password;

    @Override
    protected void run(PrintStream out) throws IOException, CommandException {
        users.setPassword(username, PasswordPrompt.passwordOrAsk(password, session));
        if (json) {
            printJson(out, Map.of("username", username, "passwordChanged", true));
        } else {
            out.println("Password of " + username + " changed; its sessions must log in again");
        }
    }

    /** The username, never the password. */
    @Override
    protected String audited() {
        return username;
    }
}
