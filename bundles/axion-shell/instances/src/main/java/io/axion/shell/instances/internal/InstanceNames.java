package io.axion.shell.instances.internal;

import io.axion.shell.InstanceNamesCompleter;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** Completes instance names for this bundle's commands. */
@Service
public class InstanceNames extends InstanceNamesCompleter {
}
