package io.axion.api.host;

import io.axion.api.lxd.LxdHost;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Work a node does for each host it owns, as a CloudStack management server runs an agent's listeners: the LXD
 * event stream, the instance view's reconcile, telemetry, the job engine's share. Register it as an OSGi service
 * (a whiteboard): the host service calls {@link #hostAcquired} for every host this node owns, now and as it takes
 * more over, and closes the returned handle when ownership ends (hand-over, the host's removal, or the agent's
 * unregistration). Ownership moves only after every handle of the previous owner was closed, or its node died.
 */
@ConsumerType
public interface HostAgent {

    /**
     * This node now owns {@code host}. Start the host's work and return at once (do slow first reads on a thread
     * of your own).
     *
     * @return what ends the work; closed exactly once, never concurrently with this call
     */
    AutoCloseable hostAcquired(String host, LxdHost lxd);
}
