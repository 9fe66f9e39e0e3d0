package io.axion.shell.instances.internal;

import io.axion.api.error.NotFoundException;
import io.axion.api.instance.InstanceDetails;
import io.axion.api.instance.InstanceService;
import io.axion.api.instance.SnapshotSummary;
import io.axion.shell.AxionAction;
import java.io.PrintStream;
import java.util.Map;
import java.util.TreeMap;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Service
@Command(scope = "axion", name = "instance-show", description = "Show one instance with its config and snapshots")
public class InstanceShowCommand extends AxionAction {

    @Reference
    InstanceService instances;

    @Argument(index = 0, name = "name", description = "The instance", required = true)
    @Completion(InstanceNames.class)
    String name;

    @Override
    protected void run(PrintStream out) {
        if (!io.axion.api.instance.InstanceNames.isValid(name)) {
            throw new NotFoundException("Instance", name);
        }
        InstanceDetails details = instances.details(name);
        if (json) {
            printJson(out, details);
            return;
        }
        row(out, "NAME", details.name());
        row(out, "STATUS", details.status());
        row(out, "IMAGE", text(details.image()));
        row(out, "CPU", Formats.cpu(details.cpu()));
        row(out, "MEMORY", Formats.memory(details.memoryMiB()));
        row(out, "CPU %", Formats.percent(details.usage().cpuPercent(), details.usage().memoryBytes()));
        row(out, "MEM USED", Formats.bytes(details.usage().memoryBytes()));
        row(out, "FORWARDS", Formats.forwards(details.forwards()));
        row(out, "NODE", text(details.node()));
        row(out, "CREATED", time(details.createdAt()));
        out.println("CONFIG");
        for (Map.Entry<String, String> entry : new TreeMap<>(details.config()).entrySet()) {
            out.println("  " + entry.getKey() + " = " + entry.getValue());
        }
        out.println("SNAPSHOTS");
        for (SnapshotSummary snapshot : details.snapshots()) {
            out.println("  " + snapshot.name() + "  " + time(snapshot.createdAt())
                    + (snapshot.stateful() ? "  stateful" : ""));
        }
    }

    private static void row(PrintStream out, String label, String value) {
        out.printf("%-10s %s%n", label, value);
    }
}
