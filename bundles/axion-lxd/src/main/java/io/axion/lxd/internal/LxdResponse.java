package io.axion.lxd.internal;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One LXD answer: its metadata, its ETag (for If-Match) and, for a background operation, the operation's id.
 */
record LxdResponse(int status, String etag, JsonNode metadata, String operationId) {

    boolean async() {
        return operationId != null;
    }
}
