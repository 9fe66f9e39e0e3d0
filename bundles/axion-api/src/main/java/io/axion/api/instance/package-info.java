/**
 * Instances as Axion's public API shows them (shared/API.md, "Instances"): the {@link io.axion.api.instance.InstanceService}
 * served from an in-memory view, the request and answer records, the name rule shared by snapshots and the shell,
 * and the {@link io.axion.api.instance.UsageProvider} that the telemetry bundle implements.
 */
@Version("2.4.0")
package io.axion.api.instance;

import org.osgi.annotation.versioning.Version;
