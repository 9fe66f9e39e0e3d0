/**
 * Axion's job engine: every change to an instance is a persisted job that survives a crash. Bundles enqueue jobs
 * through {@link io.axion.api.job.JobService} and contribute the work itself as {@link io.axion.api.job.JobHandler}
 * services (a whiteboard keyed by the service property {@code axion.job.type}).
 */
@Version("1.2.0")
package io.axion.api.job;

import org.osgi.annotation.versioning.Version;
