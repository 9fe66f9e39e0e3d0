package io.axion.shell.users.internal;

import io.axion.api.tenant.Tenant;
import io.axion.api.tenant.TenantService;
import io.axion.shell.AxionAction;
import java.io.PrintStream;
import java.util.List;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

@Service
@Command(scope = "axion", name = "tenant-list", description = "List the tenants, their quotas and member counts")
public class TenantListCommand extends AxionAction {

    @Reference
    TenantService tenants;

    @Override
    protected void run(PrintStream out) {
        List<Tenant> all = tenants.list();
        if (json) {
            printJson(out, all);
            return;
        }
        ShellTable table = new ShellTable();
        for (String column : List.of("NAME", "CPU", "MEMORY MIB", "DISK GIB", "INSTANCES", "MEMBERS")) {
            table.column(column);
        }
        for (Tenant tenant : all) {
            table.addRow().addContent(tenant.name(), limit(tenant.quota().cpu()), limit(tenant.quota().memoryMiB()),
                    limit(tenant.quota().diskGiB()), limit(tenant.quota().instances()),
                    tenants.members(tenant.name()).size());
        }
        print(out, table);
    }

    private static String limit(Number value) {
        return value == null ? "-" : value.toString();
    }
}
