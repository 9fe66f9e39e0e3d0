/**
 * LXD hosts of the cluster and their ownership: {@link io.axion.api.host.HostService}, the
 * {@link io.axion.api.host.HostAgent} whiteboard for per-host work, and host administration.
 */
@Version("1.0.0")
package io.axion.api.host;

import org.osgi.annotation.versioning.Version;
