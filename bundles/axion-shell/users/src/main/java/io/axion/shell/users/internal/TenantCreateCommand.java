package io.axion.shell.users.internal;

import io.axion.api.tenant.Tenant;
import io.axion.api.tenant.TenantQuota;
import io.axion.api.tenant.TenantService;
import io.axion.shell.AxionAction;
import java.io.PrintStream;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** Creates a tenant, or with {@code --update} replaces an existing one's quota; a figure left out is no limit. */
@Service
@Command(scope = "axion", name = "tenant-create", description = "Create a tenant with a quota (figures left out: no "
        + "limit of its own)")
public class TenantCreateCommand extends AxionAction {

    @Reference
    TenantService tenants;

    @Argument(index = 0, name = "name", description = "1-32 lower-case letters, digits and inner dashes",
            required = true)
    String name;

    @Option(name = "--cpu", description = "cores")
    Integer cpu;

    @Option(name = "--memory", description = "memory in MiB")
    Long memoryMiB;

    @Option(name = "--disk", description = "root disk in GiB")
    Long diskGiB;

    @Option(name = "--instances", description = "instance count")
    Integer instances;

    @Option(name = "--update", description = "replace the quota of an existing tenant instead")
    boolean update;

    @Override
    protected void run(PrintStream out) {
        TenantQuota quota = new TenantQuota(cpu, memoryMiB, diskGiB, instances);
        Tenant tenant = update ? tenants.update(name, quota) : tenants.create(name, quota);
        if (json) {
            printJson(out, tenant);
        } else {
            out.println("Tenant " + tenant.name() + (update ? " updated: " : " created: ") + tenant.quota());
        }
    }

    @Override
    protected String audited() {
        return name;
    }
}
