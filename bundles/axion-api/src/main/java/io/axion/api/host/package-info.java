/**
 * LXD hosts of the cluster and their ownership: {@link io.axion.api.host.HostService}, the
 * {@link io.axion.api.host.HostAgent} whiteboard for per-host work, host administration, and the overview of
 * nodes and hosts ({@link io.axion.api.host.ClusterOverviewService}).
 */
@Version("1.1.0")
package io.axion.api.host;

import org.osgi.annotation.versioning.Version;
