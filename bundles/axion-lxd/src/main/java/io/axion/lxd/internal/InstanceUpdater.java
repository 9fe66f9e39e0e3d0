package io.axion.lxd.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.axion.api.error.ConflictException;
import io.axion.api.lxd.LxdRefusedException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;

import java.util.function.Consumer;

/**
 * Read-modify-write of an instance's writable definition (config, devices, profiles) guarded by its ETag, so a
 * concurrent change is never overwritten: on LXD's 412 the change is re-applied to a fresh read.
 */
final class InstanceUpdater {
    private static final int ATTEMPTS = 5;

    private final LxdConnection lxd;

    InstanceUpdater(LxdConnection lxd) {
        this.lxd = lxd;
    }

    /** @param change edits the instance JSON in place ({@code config}, {@code devices} are object nodes) */
    void update(String name, String action, Consumer<ObjectNode> change) {
        Subject subject = Subject.instance(name);
        for (int attempt = 1; ; attempt++) {
            LxdResponse current = lxd.get("/1.0/instances/" + name, subject, action);
            ObjectNode definition = ((ObjectNode) current.metadata()).deepCopy();
            if (!definition.path("config").isObject()) {
                definition.putObject("config");
            }
            if (!definition.path("devices").isObject()) {
                definition.putObject("devices");
            }
            change.accept(definition);
            // Only the writable fields: LXD ignores the rest, but sending less keeps the request honest.
            definition.retain("architecture", "config", "devices", "ephemeral", "profiles", "stateful", "description");
            var request = LxdConnection.withJson(lxd.request(HttpMethod.PUT, "/1.0/instances/" + name), definition);
            if (current.etag() != null) {
                request.headers(h -> h.put(HttpHeader.IF_MATCH, current.etag()));
            }
            try {
                lxd.call(request, subject, action, lxd.settings().operationTimeout());
                return;
            } catch (LxdRefusedException rejected) {
                // LXD validates a new definition inside the update operation: its failure is a rejected value.
                throw rejected.status() == 422 ? rejected
                        : new LxdRefusedException(true, rejected.lxdStatus(), action, rejected.lxdMessage());
            } catch (ConflictException changedMeanwhile) {
                if (attempt >= ATTEMPTS || !"changed-concurrently".equals(changedMeanwhile.slug())) {
                    throw changedMeanwhile;
                }
            }
        }
    }
}
