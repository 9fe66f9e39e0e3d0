/**
 * The global quota governor (shared/API.md, "Quota"): a ceiling on the CPU cores and memory that instances may
 * together be given, checked atomically (across threads and cluster members) before a create or resize job is queued.
 */
@Version("2.2.0")
package io.axion.api.quota;

import org.osgi.annotation.versioning.Version;
