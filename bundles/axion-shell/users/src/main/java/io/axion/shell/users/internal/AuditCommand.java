package io.axion.shell.users.internal;

import io.axion.api.auth.AuditEntry;
import io.axion.api.auth.AuditTrail;
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
@Command(scope = "axion", name = "audit",
        description = "Show the audit log, newest first: logins, changes through the API and the shell, sockets")
public class AuditCommand extends AxionAction {

    @Reference
    AuditTrail trail;

    @Option(name = "--limit", aliases = "-n", description = "How many entries, 1 to 1000 (default 50)")
    int limit = 50;

    @Option(name = "--user", aliases = "-u", description = "Only this user's entries")
    @Completion(UsernameCompleter.class)
    String user;

    @Override
    protected void run(PrintStream out) {
        List<AuditEntry> entries = trail.recent(limit, user);
        if (json) {
            printJson(out, entries);
            return;
        }
        ShellTable table = new ShellTable();
        table.column("WHEN");
        table.column("WHO");
        table.column("ACTION");
        table.column("WHAT");
        table.column("FROM");
        table.column("OUTCOME").alignRight();
        for (AuditEntry entry : entries) {
            table.addRow().addContent(time(entry.at()), text(entry.user()), entry.action(),
                    text(entry.method()) + " " + text(entry.path()), text(entry.address()), text(entry.status()));
        }
        print(out, table);
    }
}
