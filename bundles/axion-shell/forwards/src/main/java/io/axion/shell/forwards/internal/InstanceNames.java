package io.axion.shell.forwards.internal;

import io.axion.shell.InstanceNamesCompleter;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** Completes instance names for this bundle's commands (nothing when the instances capability is missing). */
@Service
public class InstanceNames extends InstanceNamesCompleter {
}
