@Version("1.0.0")
package io.axion.api.error;

import org.osgi.annotation.versioning.Version;
