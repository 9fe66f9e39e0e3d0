@Version("1.0.0")
package io.axion.api.event;

import org.osgi.annotation.versioning.Version;
