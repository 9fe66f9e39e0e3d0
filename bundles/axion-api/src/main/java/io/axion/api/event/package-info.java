@Version("1.1.0")
package io.axion.api.event;

import org.osgi.annotation.versioning.Version;
