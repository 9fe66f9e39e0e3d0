@Version("1.1.0")
package io.axion.api.cluster;

import org.osgi.annotation.versioning.Version;
