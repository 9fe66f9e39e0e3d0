package io.axion.shell.users.internal;

import io.axion.api.tenant.Membership;
import io.axion.api.tenant.TenantRoles;
import io.axion.api.tenant.TenantService;
import io.axion.shell.AxionAction;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.apache.karaf.shell.support.table.ShellTable;

/** Lists a tenant's members; with a username, sets its role ({@code --role}) or removes it ({@code --remove}). */
@Service
@Command(scope = "axion", name = "tenant-member", description = "List a tenant's members, or set or remove one")
public class TenantMemberCommand extends AxionAction {

    @Reference
    TenantService tenants;

    @Argument(index = 0, name = "tenant", required = true)
    @Completion(TenantNameCompleter.class)
    String tenant;

    @Argument(index = 1, name = "username", description = "the member to set or remove; none lists the members")
    @Completion(UsernameCompleter.class)
    String username;

    @Option(name = "--role", aliases = "-r", description = "viewer, operator or tenant-admin")
    @Completion(value = StringsCompleter.class, values = {TenantRoles.VIEWER, TenantRoles.OPERATOR,
        TenantRoles.TENANT_ADMIN})
    String role;

    @Option(name = "--remove", description = "remove the member instead")
    boolean remove;

    @Override
    protected void run(PrintStream out) {
        if (username == null) {
            List<Membership> members = tenants.members(tenant);
            if (json) {
                printJson(out, members);
                return;
            }
            ShellTable table = new ShellTable();
            table.column("USERNAME");
            table.column("ROLE");
            members.forEach(m -> table.addRow().addContent(m.username(), m.role()));
            print(out, table);
            return;
        }
        if (remove) {
            tenants.removeMember(tenant, username);
            if (json) {
                printJson(out, Map.of("tenant", tenant, "username", username, "removed", true));
            } else {
                out.println(username + " removed from tenant " + tenant);
            }
            return;
        }
        Membership set = tenants.setMember(tenant, username, role == null ? TenantRoles.VIEWER : role);
        if (json) {
            printJson(out, set);
        } else {
            out.println(set.username() + " is " + set.role() + " of tenant " + set.tenant());
        }
    }

    @Override
    protected String audited() {
        return tenant + (username == null ? "" : " " + username);
    }
}
