@Version("1.0.0")
package io.axion.api.cluster;

import org.osgi.annotation.versioning.Version;
