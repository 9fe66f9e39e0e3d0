package io.axion.shell.users.internal;

import io.axion.api.tenant.TenantService;
import io.axion.shell.AxionAction;
import java.io.PrintStream;
import java.util.Map;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Service
@Command(scope = "axion", name = "tenant-delete", description = "Delete a tenant that holds no instances, with its "
        + "memberships")
public class TenantDeleteCommand extends AxionAction {

    @Reference
    TenantService tenants;

    @Argument(index = 0, name = "name", required = true)
    @Completion(TenantNameCompleter.class)
    String name;

    @Override
    protected void run(PrintStream out) {
        tenants.delete(name);
        if (json) {
            printJson(out, Map.of("name", name, "deleted", true));
        } else {
            out.println("Tenant " + name + " deleted");
        }
    }

    @Override
    protected String audited() {
        return name;
    }
}
