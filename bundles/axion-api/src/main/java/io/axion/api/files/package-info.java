/** Files inside instances, streamed both ways: {@link io.axion.api.files.FileService} and its path rules. */
@Version("1.0.0")
package io.axion.api.files;

import org.osgi.annotation.versioning.Version;
