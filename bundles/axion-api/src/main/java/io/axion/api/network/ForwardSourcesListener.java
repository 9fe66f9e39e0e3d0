package io.axion.api.network;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Whiteboard: enforces the sources port forwards name (the firewall bundle). Called by the forward service while it
 * holds the port's lock, after a forward's {@link ForwardService#SOURCES_KEY_PREFIX} key changed and before the proxy
 * device exists (on add) or after it is gone (on remove), so a forward is never usable by anyone for a moment.
 */
@ConsumerType
public interface ForwardSourcesListener {

    /**
     * Makes the host's filter match its instances' forward sources now.
     *
     * @throws RuntimeException when they cannot be enforced; the add is then refused and undone
     */
    void sourcesChanged(String host);
}
