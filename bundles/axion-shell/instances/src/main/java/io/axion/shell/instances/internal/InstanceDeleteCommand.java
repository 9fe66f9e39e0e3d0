package io.axion.shell.instances.internal;

import java.io.PrintStream;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Service
@Command(scope = "axion", name = "instance-delete",
        description = "Delete an instance, stopping it first when it runs (a job)")
public class InstanceDeleteCommand extends InstanceJobAction {

    @Override
    protected void run(PrintStream out) throws Exception {
        report(out, instances.delete(known(name)));
    }
}
