package io.axion.shell.instances.internal;

import io.axion.api.instance.Instance;
import io.axion.api.instance.InstanceService;
import io.axion.shell.AxionAction;
import java.io.PrintStream;
import java.util.List;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

@Service
@Command(scope = "axion", name = "instance-list", description = "List instances with their limits and use")
public class InstanceListCommand extends AxionAction {

    @Reference
    InstanceService instances;

    @Override
    protected void run(PrintStream out) {
        List<Instance> all = instances.list();
        if (json) {
            printJson(out, all);
            return;
        }
        ShellTable table = new ShellTable();
        table.column("NAME");
        table.column("STATUS");
        table.column("IMAGE").maxSize(30);
        table.column("CPU").alignRight();
        table.column("MEMORY").alignRight();
        table.column("CPU %").alignRight();
        table.column("MEM USED").alignRight();
        table.column("FORWARDS");
        table.column("CREATED");
        for (Instance i : all) {
            table.addRow().addContent(i.name(), i.status(), text(i.image()), Formats.cpu(i.cpu()),
                    Formats.memory(i.memoryMiB()), Formats.percent(i.usage().cpuPercent(), i.usage().memoryBytes()),
                    Formats.bytes(i.usage().memoryBytes()), Formats.forwards(i.forwards()), time(i.createdAt()));
        }
        print(out, table);
    }
}
