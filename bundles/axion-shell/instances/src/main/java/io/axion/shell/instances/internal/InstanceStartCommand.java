package io.axion.shell.instances.internal;

import java.io.PrintStream;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Service
@Command(scope = "axion", name = "instance-start", description = "Start an instance (a job)")
public class InstanceStartCommand extends InstanceJobAction {

    @Override
    protected void run(PrintStream out) throws Exception {
        report(out, instances.start(known(name)));
    }
}
