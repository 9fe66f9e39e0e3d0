package io.axion.instances.internal;

import io.axion.api.instance.Instance;
import io.axion.api.instance.InstanceChange;
import io.axion.api.instance.PortForward;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Instances as plain JSON-compatible maps, for the event bus (which carries no Java types). */
final class InstanceJson {
    private InstanceJson() {
    }

    /** @param node the node whose view made the change: the host's owner */
    static Map<String, Object> eventData(InstanceChange change, String node) {
        if (change.after() == null) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("name", change.name());
            data.put("host", change.before() == null ? null : change.before().host());
            data.put("tenant", change.before() == null ? null : change.before().tenant());
            return data;
        }
        return of(change.after().withNode(node));
    }

    static Map<String, Object> of(Instance instance) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", instance.name());
        json.put("status", instance.status());
        json.put("image", instance.image());
        json.put("cpu", instance.cpu());
        json.put("memoryMiB", instance.memoryMiB());
        json.put("diskGiB", instance.diskGiB());
        json.put("host", instance.host());
        json.put("node", instance.node());
        json.put("createdAt", instance.createdAt() == null ? null : instance.createdAt().toString());
        List<Map<String, Object>> forwards = new ArrayList<>();
        for (PortForward forward : instance.forwards()) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("hostPort", forward.hostPort());
            f.put("containerPort", forward.containerPort());
            f.put("protocol", forward.protocol());
            forwards.add(f);
        }
        json.put("forwards", forwards);
        json.put("tenant", instance.tenant());
        return json;
    }
}
