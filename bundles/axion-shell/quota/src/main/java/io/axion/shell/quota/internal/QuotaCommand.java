package io.axion.shell.quota.internal;

import io.axion.api.error.AxionException;
import io.axion.api.error.ValidationException;
import io.axion.api.quota.Quota;
import io.axion.api.quota.QuotaAmount;
import io.axion.api.quota.QuotaService;
import io.axion.shell.AxionAction;
import io.axion.shell.ShellCaller;
import java.io.PrintStream;
import java.util.function.BooleanSupplier;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

@Service
@Command(scope = "axion", name = "quota",
        description = "Show the global CPU and memory quota; an admin sets it with --cpu and --memory")
public class QuotaCommand extends AxionAction {
    /** The Karaf role of an Axion admin (Axion's JAAS realm gives it), as PUT /api/v1/quota requires. */
    static final String ADMIN_ROLE = "admin";

    @Reference
    QuotaService quota;

    @Option(name = "--cpu", aliases = "-c", description = "Set the CPU limit, in whole cores (admin)")
    Integer cpu;

    @Option(name = "--memory", aliases = "-m", description = "Set the memory limit, in MiB (admin)")
    Long memoryMiB;

    /** Who may set the quota; replaced in tests. */
    BooleanSupplier isAdmin = () -> ShellCaller.currentUserHas(ADMIN_ROLE);

    @Override
    protected void run(PrintStream out) {
        Quota now = cpu == null && memoryMiB == null ? quota.quota() : set();
        if (json) {
            printJson(out, now);
            return;
        }
        ShellTable table = new ShellTable();
        table.column("RESOURCE");
        table.column("LIMIT").alignRight();
        table.column("ALLOCATED").alignRight();
        table.column("AVAILABLE").alignRight();
        table.column("PHYSICAL").alignRight();
        table.column("");
        row(table, "cpu (cores)", now.cpu());
        row(table, "memory (MiB)", now.memoryMiB());
        print(out, table);
    }

    /** The checks of PUT /api/v1/quota: admins only, both limits given; the service checks the figures. */
    private Quota set() {
        if (!isAdmin.getAsBoolean()) {
            throw new AxionException(403, "forbidden", "Forbidden", "Setting the quota needs the admin role");
        }
        if (cpu == null) {
            throw new ValidationException("cpu", "is required (a whole number of cores)");
        }
        if (memoryMiB == null) {
            throw new ValidationException("memoryMiB", "is required (MiB)");
        }
        return quota.setLimits(cpu, memoryMiB);
    }

    private static void row(ShellTable table, String resource, QuotaAmount amount) {
        table.addRow().addContent(resource, amount.limit(), amount.allocated(), amount.available(), amount.physical(),
                amount.overLimit() ? "over the limit" : "");
    }

    /** Only setting the quota is audited; showing it is a read. */
    @Override
    protected String audited() {
        return cpu == null && memoryMiB == null ? null : "cpu=" + cpu + " memoryMiB=" + memoryMiB;
    }
}
