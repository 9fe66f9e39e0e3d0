package io.axion.shell.users.internal;

import io.axion.api.auth.UserAccount;
import io.axion.api.auth.UserService;
import io.axion.shell.NamesCompleter;
import java.util.Collection;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;

@Service
public class UsernameCompleter extends NamesCompleter {

    @Reference
    UserService users;

    @Override
    protected Collection<String> names(CommandLine commandLine) {
        return users.list().stream().map(UserAccount::username).toList();
    }
}
