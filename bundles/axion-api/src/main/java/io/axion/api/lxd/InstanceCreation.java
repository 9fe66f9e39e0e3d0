package io.axion.api.lxd;

import java.util.List;

/**
 * The outcome of a create.
 *
 * @param instance       the instance as LXD reports it after creation (and start, when asked)
 * @param requestedImage the image the spec named
 * @param usedImage      the image actually used: differs from the requested one when a fallback was taken
 * @param notes          human-readable lines for the job's log (e.g. why the local fallback image was used)
 */
public record InstanceCreation(InstanceInfo instance, String requestedImage, String usedImage, List<String> notes) {

    public InstanceCreation {
        notes = notes == null ? List.of() : List.copyOf(notes);
    }

    public boolean imageFallbackUsed() {
        return !requestedImage.equals(usedImage);
    }
}
