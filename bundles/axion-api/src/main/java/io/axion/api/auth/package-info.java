@Version("1.4.0")
package io.axion.api.auth;

import org.osgi.annotation.versioning.Version;
