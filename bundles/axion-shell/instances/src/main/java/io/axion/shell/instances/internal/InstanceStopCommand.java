package io.axion.shell.instances.internal;

import java.io.PrintStream;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Service
@Command(scope = "axion", name = "instance-stop", description = "Stop an instance (a job)")
public class InstanceStopCommand extends InstanceJobAction {

    @Option(name = "--force", aliases = "-f", description = "Stop at once, without a graceful shutdown")
    boolean force;

    @Override
    protected void run(PrintStream out) throws Exception {
        report(out, instances.stop(known(name), force));
    }

    @Override
    protected String audited() {
        return force ? name + " --force" : name;
    }
}
