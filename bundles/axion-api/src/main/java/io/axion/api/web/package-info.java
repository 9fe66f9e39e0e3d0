@Version("1.2.0")
package io.axion.api.web;

import org.osgi.annotation.versioning.Version;
