@Version("1.0.0")
package io.axion.api.web;

import org.osgi.annotation.versioning.Version;
