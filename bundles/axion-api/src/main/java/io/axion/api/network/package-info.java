/** Port forwards from the host to instances (LXD proxy devices): {@link io.axion.api.network.ForwardService}. */
@Version("1.1.0")
package io.axion.api.network;

import org.osgi.annotation.versioning.Version;
