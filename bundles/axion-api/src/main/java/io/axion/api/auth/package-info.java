@Version("1.3.0")
package io.axion.api.auth;

import org.osgi.annotation.versioning.Version;
