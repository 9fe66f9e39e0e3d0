@Version("1.2.0")
package io.axion.api.auth;

import org.osgi.annotation.versioning.Version;
