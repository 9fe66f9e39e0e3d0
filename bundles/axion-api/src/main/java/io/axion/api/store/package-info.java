@Version("1.0.0")
package io.axion.api.store;

import org.osgi.annotation.versioning.Version;
