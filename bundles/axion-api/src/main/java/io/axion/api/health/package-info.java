/** Readiness: the names bundles use to take part in {@code GET /api/v1/health}. */
@Version("1.0.0")
package io.axion.api.health;

import org.osgi.annotation.versioning.Version;
