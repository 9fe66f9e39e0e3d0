package io.axion.snapshot.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.axion.api.lxd.InstanceInfo;
import io.axion.api.lxd.InstanceStatus;
import io.axion.api.lxd.ProxyForward;
import java.util.List;
import java.util.Optional;

/**
 * What a restore keeps of the instance as it was before: whether it ran, its CPU and memory limits (the quota
 * governor counts them, so a snapshot must not change them behind its back) and its port forwards (a snapshot's
 * old forwards may collide with ports other instances took since).
 * <p>
 * It is written into the instance's LXD config as {@value #KEY} before the instance is stopped, so that a restore
 * run again after a crash still knows the instance has to be started; LXD's restore replaces the config, so it is
 * written again right after, and removed once the instance is back.
 *
 * @param cpu    the raw {@code limits.cpu}, or null when unset
 * @param memory the raw {@code limits.memory}, or null when unset
 */
public record RestoreMarker(boolean running, String cpu, String memory, List<ProxyForward> forwards) {
    static final String KEY = "user.axion.restore";
    static final String LIMITS_CPU = "limits.cpu";
    static final String LIMITS_MEMORY = "limits.memory";
    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public RestoreMarker {
        forwards = forwards == null ? List.of() : List.copyOf(forwards);
    }

    /** The instance as it is now. */
    static RestoreMarker of(InstanceInfo instance) {
        return new RestoreMarker(instance.status() != InstanceStatus.STOPPED, instance.config().get(LIMITS_CPU),
                instance.config().get(LIMITS_MEMORY), instance.forwards());
    }

    /** The marker an interrupted restore left on the instance, if any (an unreadable one is ignored). */
    static Optional<RestoreMarker> left(InstanceInfo instance) {
        String text = instance.config().get(KEY);
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(text, RestoreMarker.class));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    String json() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
