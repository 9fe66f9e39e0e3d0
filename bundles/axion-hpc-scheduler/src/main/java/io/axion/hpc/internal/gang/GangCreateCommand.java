package io.axion.hpc.internal.gang;

import io.axion.api.auth.Roles;
import io.axion.api.error.NotFoundException;
import io.axion.api.tenant.TenantService;
import io.axion.shell.AxionAction;
import java.io.PrintStream;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.StringsCompleter;

/**
 * {@code axion:gang-create NAME COUNT IMAGE [--tenant T]}: all members placed or none, like {@code POST
 * /api/v1/gangs}; the shell is admin, so it makes the gang in any tenant ({@code default} unless named).
 */
@Service
@Command(scope = "axion", name = "gang-create", description = "Creates COUNT instances NAME-0.. at once, or none")
public class GangCreateCommand extends AxionAction {

    @Reference
    GangService gangs;

    @Argument(index = 0, name = "name", required = true, description = "The gang's name (members are NAME-INDEX)")
    String name;

    @Argument(index = 1, name = "count", required = true, description = "How many members")
    int count;

    @Argument(index = 2, name = "image", required = true, description = "The LXD image alias or fingerprint")
    String image;

    @Option(name = "--cpu", description = "Cores per member (default 1)")
    int cpu = 1;

    @Option(name = "--memory", description = "MiB per member (default 256)")
    int memoryMiB = 256;

    @Option(name = "--cpu-policy", description = "shared or dedicated (default dedicated)")
    @Completion(value = StringsCompleter.class, values = {"shared", "dedicated"})
    String cpuPolicy = "dedicated";

    @Option(name = "--numa", description = "none, preferred or strict")
    @Completion(value = StringsCompleter.class, values = {"none", "preferred", "strict"})
    String numa;

    @Option(name = "--gpus", description = "GPUs per member")
    Integer gpus;

    @Option(name = "--spread", description = "host (distinct hosts, round robin) or pack (fill hosts in turn)")
    @Completion(value = StringsCompleter.class, values = {"host", "pack"})
    String spread = "host";

    @Option(name = "--queue", description = "Wait in the queue when there is no room now")
    boolean queue;

    @Option(name = "--tenant", description = "The tenant the gang and its members are made in (default: default)")
    String tenant = TenantService.DEFAULT;

    /** Optional: without the auth feature there are no tenants but {@code default}. */
    @Reference(optional = true)
    TenantService tenants;

    @Override
    protected void run(PrintStream out) {
        GangRequest request = new GangRequest(name, count, new GangRequest.Template(image, cpu, memoryMiB, null, null,
                null, cpuPolicy, numa, gpus), spread, queue, null);
        GangView gang = gangs.create(request, Roles.ADMIN, knownTenant());
        if (json) {
            printJson(out, gang);
        } else if (GangStore.QUEUED.equals(gang.state())) {
            out.println("Gang " + gang.name() + " waits in the queue for room");
        } else {
            out.println("Gang " + gang.name() + " placed; job " + gang.jobId() + " creates its " + gang.count()
                    + " members");
        }
    }

    /** The named tenant, checked to exist (404 otherwise) so that no member is made in a tenant nobody has. */
    private String knownTenant() {
        if (tenants != null) {
            return tenants.get(tenant).name();
        }
        if (!TenantService.DEFAULT.equals(tenant)) {
            throw new NotFoundException("Tenant", tenant);
        }
        return tenant;
    }

    @Override
    protected String audited() {
        return "gangs/" + name;
    }
}
