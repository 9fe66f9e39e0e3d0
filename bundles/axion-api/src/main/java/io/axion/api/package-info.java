/** Constants shared by every Axion bundle. */
@Version("1.0.0")
package io.axion.api;

import org.osgi.annotation.versioning.Version;
