package io.axion.shell.users.internal;

import io.axion.api.auth.UserService;
import io.axion.shell.AxionAction;
import java.io.PrintStream;
import java.util.Map;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Service
@Command(scope = "axion", name = "user-remove", description = "Delete an Axion user; its tokens stop working at once")
public class UserRemoveCommand extends AxionAction {

    @Reference
    UserService users;

    @Argument(index = 0, name = "username", required = true)
    @Completion(UsernameCompleter.class)
    String username;

    @Override
    protected void run(PrintStream out) {
        users.delete(username);
        if (json) {
            printJson(out, Map.of("username", username, "deleted", true));
        } else {
            out.println("User " + username + " deleted");
        }
    }

    @Override
    protected String audited() {
        return username;
    }
}
