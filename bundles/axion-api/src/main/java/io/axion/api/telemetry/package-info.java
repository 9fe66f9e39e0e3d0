/**
 * Live CPU, memory, disk and network rates of the instances on this node, sampled from the kernel's cgroups once a
 * second by the telemetry bundle and published on the event bus channel {@link io.axion.api.event.EventChannels#TELEMETRY}.
 */
@Version("1.1.0")
package io.axion.api.telemetry;

import org.osgi.annotation.versioning.Version;
