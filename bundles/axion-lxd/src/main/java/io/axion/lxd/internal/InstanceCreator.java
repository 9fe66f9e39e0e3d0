package io.axion.lxd.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.axion.api.lxd.InstanceCreation;
import io.axion.api.lxd.InstanceSpec;
import io.axion.api.lxd.LxdAlreadyExistsException;
import io.axion.api.lxd.LxdNotFoundException;
import io.axion.api.lxd.LxdRefusedException;
import io.axion.api.lxd.LxdTimeoutException;
import org.eclipse.jetty.http.HttpMethod;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Creates an instance from a spec: limits, root disk size, cloud-init, and the local fallback for a remote image
 * that cannot be fetched. Does not start it.
 */
final class InstanceCreator {
    private static final Logger LOG = LoggerFactory.getLogger(InstanceCreator.class);

    private final LxdConnection lxd;
    private final ManagedBridge bridge;

    InstanceCreator(LxdConnection lxd) {
        this.lxd = lxd;
        this.bridge = new ManagedBridge(lxd);
    }

    /**
     * LXD refuses a taken name itself (its create operation fails), so the name is looked up only after a failure,
     * to tell "taken" from other refusals: no extra request on the common path.
     */
    InstanceCreation create(InstanceSpec spec) {
        List<String> notes = new ArrayList<>();
        ImageSource source = ImageSource.parse(spec.image());
        Optional<String> fallback = lxd.settings().imageFallbacks().fallbackFor(spec.image());
        String used = spec.image();
        if (source.unknownRemote()) {
            String local = fallback.orElseThrow(() -> new LxdRefusedException(true, 400, "create instance " + spec.name(),
                    "unknown image remote '" + source.remote() + "' and no local fallback configured for " + spec.image()));
            notes.add("Image remote '" + source.remote() + "' is unknown; using the local image " + local + " instead");
            used = local;
        } else {
            try {
                post(spec, spec.image());
                return new InstanceCreation(null, spec.image(), used, notes);
            } catch (LxdRefusedException | LxdTimeoutException | LxdNotFoundException fetchFailed) {
                throwIfTaken(spec.name());
                if (fallback.isEmpty()) {
                    throw fetchFailed;
                }
                String reason = fetchFailed.getMessage();
                notes.add("Image " + spec.image() + " could not be fetched (" + reason + "); using the local image "
                        + fallback.get() + " instead");
                LOG.info("Image {} could not be fetched for {}; falling back to {}: {}", spec.image(), spec.name(),
                        fallback.get(), reason);
                used = fallback.get();
            }
        }
        try {
            post(spec, used);
        } catch (LxdRefusedException | LxdTimeoutException | LxdNotFoundException refused) {
            throwIfTaken(spec.name());
            throw refused;
        }
        return new InstanceCreation(null, spec.image(), used, notes);
    }

    private void throwIfTaken(String name) {
        if (exists(name)) {
            throw new LxdAlreadyExistsException(Subject.instance(name).kind(), name);
        }
    }

    private void post(InstanceSpec spec, String image) {
        ObjectNode body = body(spec, ImageSource.parse(image), rootPool(spec), lxd.hasExtension("cloud_init"));
        bridge.ensure();
        ManagedBridge.addNic(body, bridge.settings());
        var request = LxdConnection.withJson(lxd.request(HttpMethod.POST, "/1.0/instances"), body);
        try {
            lxd.call(request, Subject.instance(spec.name()), "create instance " + spec.name() + " from " + image,
                    lxd.settings().createTimeout());
        } catch (LxdNotFoundException e) {
            // The instance cannot be missing before it is made: what LXD did not find is the image.
            throw new LxdNotFoundException("Image", image);
        }
    }

    /** The instance definition LXD creates. {@code rootPool} is only needed when the spec sizes the root disk. */
    static ObjectNode body(InstanceSpec spec, ImageSource source, String rootPool, boolean cloudInitKeys) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("name", spec.name());
        body.put("type", "container");
        body.set("source", source.toLxdSource());
        ObjectNode config = body.putObject("config");
        spec.userConfig().forEach(config::put);
        config.put(LxdJson.IMAGE_KEY, spec.image());
        if (spec.cpu() != null) {
            config.put("limits.cpu", Integer.toString(spec.cpu()));
        }
        if (spec.memoryMiB() != null) {
            config.put("limits.memory", Sizes.memoryLimit(spec.memoryMiB()));
        }
        // LXD before the cloud_init extension only knows the user.* spellings.
        if (spec.cloudInit() != null) {
            config.put(cloudInitKeys ? "cloud-init.user-data" : "user.user-data", spec.cloudInit());
        }
        if (spec.cloudInitNetworkConfig() != null) {
            config.put(cloudInitKeys ? "cloud-init.network-config" : "user.network-config", spec.cloudInitNetworkConfig());
        }
        spec.placementConfig().forEach(config::put);
        ObjectNode devices = body.putObject("devices");
        spec.placementDevices().forEach((device, keys) -> {
            ObjectNode node = devices.putObject(device);
            keys.forEach(node::put);
        });
        if (spec.diskGiB() != null) {
            // Overrides the profile's root disk with the same pool and a size.
            devices.putObject("root").put("type", "disk").put("path", "/").put("pool", rootPool)
                    .put("size", Sizes.diskSize(spec.diskGiB()));
        }
        return body;
    }

    /** The storage pool of the default profile's root disk (the profile every Axion instance uses). */
    private String rootPool(InstanceSpec spec) {
        if (spec.diskGiB() == null) {
            return null;
        }
        JsonNode devices = lxd.get("/1.0/profiles/default", new Subject("Profile", "default"), "read the default profile")
                .metadata().path("devices");
        for (JsonNode device : devices) {
            if ("disk".equals(device.path("type").asText()) && "/".equals(device.path("path").asText())) {
                return device.path("pool").asText();
            }
        }
        throw new LxdRefusedException(true, 400, "create instance " + spec.name(),
                "the default profile has no root disk, so no pool to size one in");
    }

    private boolean exists(String name) {
        try {
            lxd.get("/1.0/instances/" + name, Subject.instance(name), "read instance " + name);
            return true;
        } catch (LxdNotFoundException e) {
            return false;
        }
    }
}
