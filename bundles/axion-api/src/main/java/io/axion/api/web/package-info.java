@Version("1.1.0")
package io.axion.api.web;

import org.osgi.annotation.versioning.Version;
