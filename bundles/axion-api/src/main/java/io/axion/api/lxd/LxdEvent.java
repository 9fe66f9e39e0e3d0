package io.axion.api.lxd;

import java.time.Instant;

/**
 * Something LXD reported on its event stream, in Axion's words.
 *
 * @param kind     lifecycle (an entity changed) or operation (a background operation changed state)
 * @param action   for lifecycle events LXD's action ({@code instance-started}, {@code instance-stopped},
 *                 {@code instance-created}, {@code instance-deleted}, ...); for operation events the operation's
 *                 status in lower case ({@code running}, {@code success}, {@code failure}, {@code cancelled})
 * @param instance the instance concerned, or null when the event is about something else
 * @param project  the LXD project it happened in
 * @param at       LXD's timestamp
 */
public record LxdEvent(Kind kind, String action, String instance, String project, Instant at) {

    public enum Kind { LIFECYCLE, OPERATION }
}
