package io.axion.api.firewall;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Per-instance firewall rules, kept in the store (so they survive restarts and follow the instance to another host)
 * and applied live to the instance's port on Axion's bridge.
 */
@ProviderType
public interface FirewallService {

    /**
     * @throws io.axion.api.error.NotFoundException 404 for an unknown instance
     */
    FirewallPolicy get(String instance);

    /**
     * Replaces the instance's rules and applies them at once when it runs on a host of this node.
     *
     * @throws io.axion.api.error.ValidationException 422 for a bad rule; nothing changes then
     * @throws io.axion.api.error.NotFoundException   404 for an unknown instance
     */
    FirewallPolicy put(String instance, FirewallPolicy policy);
}
