/**
 * Live CPU and memory of the instances on this node, sampled from the kernel's cgroups once a second by the
 * telemetry bundle and published on the event bus channel {@link io.axion.api.event.EventChannels#TELEMETRY}.
 */
@Version("1.0.0")
package io.axion.api.telemetry;

import org.osgi.annotation.versioning.Version;
