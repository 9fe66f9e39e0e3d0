package io.axion.shell.instances.internal;

import io.axion.api.error.NotFoundException;
import io.axion.api.instance.InstanceService;
import io.axion.shell.JobAction;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;

/** A command that queues a job on one existing instance, named by its first argument. */
abstract class InstanceJobAction extends JobAction {

    @Reference
    InstanceService instances;

    @Argument(index = 0, name = "name", description = "The instance", required = true)
    @Completion(InstanceNames.class)
    String name;

    /** As the REST routes: a name that breaks the naming rule cannot exist, so it is unknown (404). */
    static String known(String name) {
        if (!io.axion.api.instance.InstanceNames.isValid(name)) {
            throw new NotFoundException("Instance", name.length() > 64 ? name.substring(0, 64) + "..." : name);
        }
        return name;
    }

    @Override
    protected String audited() {
        return name;
    }
}
