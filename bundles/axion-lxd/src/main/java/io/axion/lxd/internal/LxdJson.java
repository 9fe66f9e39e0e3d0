package io.axion.lxd.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.axion.api.lxd.FileType;
import io.axion.api.lxd.ForwardProtocol;
import io.axion.api.lxd.ImageInfo;
import io.axion.api.lxd.InstanceInfo;
import io.axion.api.lxd.InstanceState;
import io.axion.api.lxd.InstanceStatus;
import io.axion.api.lxd.LxdEvent;
import io.axion.api.lxd.ProxyForward;
import io.axion.api.lxd.ServerResources;
import io.axion.api.lxd.SnapshotInfo;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** LXD's JSON to Axion's records. Pure functions: the one place that knows LXD's field names for reading. */
final class LxdJson {
    /** The config key where Axion records the image name it was asked for. */
    static final String IMAGE_KEY = "user.axion.image";

    private LxdJson() {
    }

    static InstanceInfo instance(JsonNode json) {
        JsonNode config = json.path("config");
        JsonNode expandedConfig = json.path("expanded_config").isObject() ? json.path("expanded_config") : config;
        JsonNode devices = json.path("expanded_devices").isObject() ? json.path("expanded_devices") : json.path("devices");
        Map<String, String> visibleConfig = new TreeMap<>();
        config.fields().forEachRemaining(e -> {
            if (!e.getKey().startsWith("volatile.")) {
                visibleConfig.put(e.getKey(), e.getValue().asText());
            }
        });
        String image = text(config, IMAGE_KEY).orElseGet(() -> text(config, "volatile.base_image").orElse(null));
        return new InstanceInfo(
                json.path("name").asText(),
                InstanceStatus.fromLabel(json.path("status").asText(null)),
                image,
                Sizes.cpuCount(text(expandedConfig, "limits.cpu").orElse(null),
                        text(expandedConfig, "limits.cpu.allowance").orElse(null)),
                Sizes.mebibytes(text(expandedConfig, "limits.memory").orElse(null)),
                rootDiskGiB(devices),
                instant(json.path("created_at").asText(null)),
                json.path("location").asText("none"),
                forwards(devices),
                visibleConfig);
    }

    static Long rootDiskGiB(JsonNode devices) {
        for (Iterator<Map.Entry<String, JsonNode>> it = devices.fields(); it.hasNext(); ) {
            JsonNode device = it.next().getValue();
            if ("disk".equals(device.path("type").asText()) && "/".equals(device.path("path").asText())) {
                return Sizes.gibibytes(device.path("size").asText(null));
            }
        }
        return null;
    }

    static List<ProxyForward> forwards(JsonNode devices) {
        List<ProxyForward> forwards = new ArrayList<>();
        devices.fields().forEachRemaining(e -> proxyForward(e.getValue()).ifPresent(forwards::add));
        forwards.sort(java.util.Comparator.comparingInt(ProxyForward::hostPort));
        return forwards;
    }

    /** A proxy device with single ports on both sides, e.g. listen {@code tcp:127.0.0.1:10022}. */
    static Optional<ProxyForward> proxyForward(JsonNode device) {
        if (!"proxy".equals(device.path("type").asText())) {
            return Optional.empty();
        }
        Optional<Endpoint> listen = Endpoint.parse(device.path("listen").asText(""));
        Optional<Endpoint> connect = Endpoint.parse(device.path("connect").asText(""));
        if (listen.isEmpty() || connect.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new ProxyForward(listen.get().address(), listen.get().port(), connect.get().port(),
                    ForwardProtocol.fromLabel(listen.get().protocol())));
        } catch (IllegalArgumentException unknownProtocol) {
            return Optional.empty();
        }
    }

    /** {@code tcp:127.0.0.1:80} or {@code udp:[::1]:53}; port ranges and unix sockets are not single forwards. */
    record Endpoint(String protocol, String address, int port) {
        static Optional<Endpoint> parse(String value) {
            int first = value.indexOf(':');
            int last = value.lastIndexOf(':');
            if (first < 0 || last <= first) {
                return Optional.empty();
            }
            String address = value.substring(first + 1, last);
            if (address.startsWith("[") && address.endsWith("]")) {
                address = address.substring(1, address.length() - 1);
            }
            try {
                return Optional.of(new Endpoint(value.substring(0, first), address,
                        Integer.parseInt(value.substring(last + 1))));
            } catch (NumberFormatException range) {
                return Optional.empty();
            }
        }

        static String format(String protocol, String address, int port) {
            String host = address.contains(":") ? "[" + address + "]" : address;
            return protocol + ":" + host + ":" + port;
        }
    }

    static InstanceState state(JsonNode json) {
        return new InstanceState(
                InstanceStatus.fromLabel(json.path("status").asText(null)),
                json.path("pid").asLong(0),
                json.path("processes").asLong(-1),
                json.path("cpu").path("usage").asLong(0),
                json.path("memory").path("usage").asLong(0),
                json.path("memory").path("usage_peak").asLong(0));
    }

    static SnapshotInfo snapshot(JsonNode json) {
        String name = json.path("name").asText();
        // Some LXD versions answer with "instance/snapshot".
        return new SnapshotInfo(name.substring(name.lastIndexOf('/') + 1),
                instant(json.path("created_at").asText(null)), json.path("stateful").asBoolean(false));
    }

    static ImageInfo image(JsonNode json) {
        List<String> aliases = new ArrayList<>();
        json.path("aliases").forEach(a -> aliases.add(a.path("name").asText()));
        return new ImageInfo(
                json.path("fingerprint").asText(),
                aliases,
                json.path("properties").path("description").asText(""),
                json.path("size").asLong(0),
                json.path("architecture").asText(""),
                instant(json.path("uploaded_at").asText(null)));
    }

    static ServerResources resources(JsonNode json) {
        int cores = 0;
        for (JsonNode socket : json.path("cpu").path("sockets")) {
            cores += socket.path("cores").size();
        }
        int threads = json.path("cpu").path("total").asInt(0);
        return new ServerResources(cores == 0 ? threads : cores, threads, json.path("memory").path("total").asLong(0));
    }

    static FileType fileType(String header) {
        if (header == null) {
            return FileType.FILE;
        }
        return switch (header.toLowerCase(Locale.ROOT)) {
            case "directory" -> FileType.DIRECTORY;
            case "symlink" -> FileType.SYMLINK;
            default -> FileType.FILE;
        };
    }

    /**
     * An event from {@code /1.0/events}; empty for kinds Axion does not use. The instance is taken from a
     * lifecycle event's source ({@code /1.0/instances/c1/snapshots/s?project=p}) or an operation's resources.
     */
    static Optional<LxdEvent> event(JsonNode json) {
        String type = json.path("type").asText();
        JsonNode metadata = json.path("metadata");
        String project = json.path("project").asText(null);
        Instant at = instant(json.path("timestamp").asText(null));
        if ("lifecycle".equals(type)) {
            return Optional.of(new LxdEvent(LxdEvent.Kind.LIFECYCLE, metadata.path("action").asText(),
                    instanceOf(metadata.path("source").asText("")), project, at));
        }
        if ("operation".equals(type)) {
            JsonNode instances = metadata.path("resources").path("instances");
            String instance = instances.size() > 0 ? instanceOf(instances.get(0).asText("")) : null;
            return Optional.of(new LxdEvent(LxdEvent.Kind.OPERATION,
                    metadata.path("status").asText("").toLowerCase(Locale.ROOT), instance, project, at));
        }
        return Optional.empty();
    }

    /** The instance name in an LXD URL such as {@code /1.0/instances/c1/snapshots/s1?project=p}; else null. */
    static String instanceOf(String url) {
        String path = url.split("\\?", 2)[0];
        for (String prefix : List.of("/1.0/instances/", "/1.0/containers/", "/1.0/virtual-machines/")) {
            if (path.startsWith(prefix)) {
                String rest = path.substring(prefix.length());
                int slash = rest.indexOf('/');
                String name = slash < 0 ? rest : rest.substring(0, slash);
                return name.isEmpty() ? null : java.net.URLDecoder.decode(name, java.nio.charset.StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    static Instant instant(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            try {
                return java.time.OffsetDateTime.parse(value).toInstant();
            } catch (DateTimeParseException ignored) {
                return null;
            }
        }
    }

    private static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || value.asText().isEmpty() ? Optional.empty() : Optional.of(value.asText());
    }
}
