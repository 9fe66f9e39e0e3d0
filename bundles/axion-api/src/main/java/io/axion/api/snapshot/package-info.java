/**
 * Snapshots of instances: {@link io.axion.api.snapshot.SnapshotService} checks requests and queues the work as
 * jobs of the types in {@link io.axion.api.snapshot.SnapshotJobs}.
 */
@Version("1.0.0")
package io.axion.api.snapshot;

import org.osgi.annotation.versioning.Version;
