package io.axion.shell.instances.internal;

import java.io.PrintStream;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Service
@Command(scope = "axion", name = "instance-restart", description = "Restart an instance (a job)")
public class InstanceRestartCommand extends InstanceJobAction {

    @Option(name = "--force", aliases = "-f", description = "Restart at once, without a graceful shutdown")
    boolean force;

    @Override
    protected void run(PrintStream out) throws Exception {
        report(out, instances.restart(known(name), force));
    }

    @Override
    protected String audited() {
        return force ? name + " --force" : name;
    }
}
