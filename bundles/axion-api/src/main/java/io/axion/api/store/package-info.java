@Version("1.1.0")
package io.axion.api.store;

import org.osgi.annotation.versioning.Version;
