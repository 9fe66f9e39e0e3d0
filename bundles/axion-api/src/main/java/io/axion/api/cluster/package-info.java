@Version("1.2.0")
package io.axion.api.cluster;

import org.osgi.annotation.versioning.Version;
