package io.axion.lxd.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.axion.api.lxd.LxdSnapshots;
import io.axion.api.lxd.SnapshotInfo;
import org.eclipse.jetty.http.HttpMethod;

import java.util.ArrayList;
import java.util.List;

/** Snapshots: create, list, restore, delete. */
public final class LxdSnapshotsService implements LxdSnapshots {
    private final LxdConnection lxd;
    public LxdSnapshotsService(LxdConnection lxd) {
        this.lxd = lxd;
    }

    @Override
    public List<SnapshotInfo> list(String instance) {
        var request = lxd.request(HttpMethod.GET, "/1.0/instances/" + instance + "/snapshots").param("recursion", "1");
        JsonNode snapshots = lxd.send(request, Subject.instance(instance), "list snapshots of " + instance).metadata();
        List<SnapshotInfo> result = new ArrayList<>(snapshots.size());
        snapshots.forEach(s -> result.add(LxdJson.snapshot(s)));
        return result;
    }

    @Override
    public SnapshotInfo create(String instance, String snapshot, boolean stateful) {
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("name", snapshot).put("stateful", stateful);
        var request = LxdConnection.withJson(lxd.request(HttpMethod.POST, "/1.0/instances/" + instance + "/snapshots"), body);
        lxd.call(request, Subject.snapshot(instance, snapshot), "snapshot " + instance + " as " + snapshot,
                lxd.settings().operationTimeout());
        return LxdJson.snapshot(lxd.get(path(instance, snapshot), Subject.snapshot(instance, snapshot),
                "read snapshot " + snapshot).metadata());
    }

    @Override
    public void restore(String instance, String snapshot) {
        // Restoring a missing snapshot would fail inside the operation with a vague text: check first for a 404.
        lxd.get(path(instance, snapshot), Subject.snapshot(instance, snapshot), "read snapshot " + snapshot);
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("restore", snapshot);
        var request = LxdConnection.withJson(lxd.request(HttpMethod.PUT, "/1.0/instances/" + instance), body);
        lxd.call(request, Subject.snapshot(instance, snapshot), "restore " + instance + " to " + snapshot,
                lxd.settings().operationTimeout());
    }

    @Override
    public void delete(String instance, String snapshot) {
        lxd.call(lxd.request(HttpMethod.DELETE, path(instance, snapshot)), Subject.snapshot(instance, snapshot),
                "delete snapshot " + snapshot + " of " + instance, lxd.settings().operationTimeout());
    }

    private static String path(String instance, String snapshot) {
        return "/1.0/instances/" + instance + "/snapshots/" + snapshot;
    }
}
