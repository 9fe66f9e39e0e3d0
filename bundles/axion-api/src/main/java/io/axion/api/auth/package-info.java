@Version("1.1.0")
package io.axion.api.auth;

import org.osgi.annotation.versioning.Version;
