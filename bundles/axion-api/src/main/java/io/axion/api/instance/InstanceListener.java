package io.axion.api.instance;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Whiteboard: every service of this type hears each change of the instance view (an instance appeared, changed
 * status or limits or forwards, or went away). Usage changes are not reported. Called on the view's thread: return
 * quickly. The view also publishes each change on the event bus, channel {@code instances}, type
 * {@code instance-added}, {@code instance-updated} or {@code instance-removed}, data = the instance (or
 * {@code {name}} when removed).
 */
@ConsumerType
public interface InstanceListener {

    void instanceChanged(InstanceChange change);
}
