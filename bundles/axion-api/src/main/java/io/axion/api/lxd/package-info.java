/** Axion's view of LXD: the driver's service interfaces and domain types, free of LXD's wire format. */
@Version("1.7.0")
package io.axion.api.lxd;

import org.osgi.annotation.versioning.Version;
