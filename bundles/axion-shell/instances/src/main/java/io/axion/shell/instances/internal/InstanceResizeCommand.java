package io.axion.shell.instances.internal;

import io.axion.api.instance.Resize;
import java.io.PrintStream;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Service
@Command(scope = "axion", name = "instance-resize",
        description = "Change an instance's CPU and memory limits, live when it runs (a job; checked against the quota)")
public class InstanceResizeCommand extends InstanceJobAction {

    @Option(name = "--cpu", aliases = "-c", description = "CPU limit in whole cores")
    Integer cpu;

    @Option(name = "--memory", aliases = "-m", description = "Memory limit in MiB")
    Integer memoryMiB;

    @Override
    protected void run(PrintStream out) throws Exception {
        report(out, instances.resize(known(name), new Resize(cpu, memoryMiB)));
    }

    @Override
    protected String audited() {
        return name + " cpu=" + cpu + " memoryMiB=" + memoryMiB;
    }
}
