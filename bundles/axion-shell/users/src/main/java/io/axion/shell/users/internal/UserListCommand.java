package io.axion.shell.users.internal;

import io.axion.api.auth.UserAccount;
import io.axion.api.auth.UserService;
import io.axion.shell.AxionAction;
import java.io.PrintStream;
import java.util.List;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

@Service
@Command(scope = "axion", name = "user-list", description = "List Axion's users and their roles")
public class UserListCommand extends AxionAction {

    @Reference
    UserService users;

    @Override
    protected void run(PrintStream out) {
        List<UserAccount> accounts = users.list();
        if (json) {
            printJson(out, accounts);
            return;
        }
        ShellTable table = new ShellTable();
        table.column("USERNAME");
        table.column("ROLE");
        table.column("CREATED");
        table.column("PASSWORD CHANGED");
        for (UserAccount account : accounts) {
            table.addRow().addContent(account.username(), account.role(), time(account.createdAt()),
                    time(account.passwordChangedAt()));
        }
        print(out, table);
    }
}
