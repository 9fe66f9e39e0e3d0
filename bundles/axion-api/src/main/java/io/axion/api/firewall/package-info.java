/** Per-instance firewall rules: {@link io.axion.api.firewall.FirewallService}. */
@Version("1.0.0")
package io.axion.api.firewall;

import org.osgi.annotation.versioning.Version;
