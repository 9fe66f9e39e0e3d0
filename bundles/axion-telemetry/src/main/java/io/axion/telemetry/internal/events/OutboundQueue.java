package io.axion.telemetry.internal.events;

import java.util.ArrayDeque;

/**
 * What one client has yet to receive, and the policy for a client that falls behind: job and instance events wait
 * in order up to a capacity (past it the client must go: it would miss events it cannot do without); telemetry waits
 * in a short queue of its own whose oldest frame is dropped when a newer one arrives (the newer supersedes it).
 * Frames that must not be lost go first.
 */
final class OutboundQueue {

    enum Offer {
        /** Queued. */
        QUEUED,
        /** Queued, and an older telemetry frame was dropped to make room. */
        QUEUED_DROPPING_OLDER,
        /** Not queued: the client is too far behind on events it must not miss. */
        OVERFLOW
    }

    private final int capacity;
    private final int telemetryBacklog;
    private final ArrayDeque<EventFrame> events = new ArrayDeque<>();
    private final ArrayDeque<EventFrame> telemetry = new ArrayDeque<>();
    private long dropped;

    /**
     * @param capacity         job and instance events that may wait
     * @param telemetryBacklog telemetry frames that may wait (at least 1)
     */
    OutboundQueue(int capacity, int telemetryBacklog) {
        this.capacity = Math.max(1, capacity);
        this.telemetryBacklog = Math.max(1, telemetryBacklog);
    }

    synchronized Offer offer(EventFrame frame) {
        if (frame.droppable()) {
            Offer result = Offer.QUEUED;
            if (telemetry.size() >= telemetryBacklog) {
                telemetry.pollFirst();
                dropped++;
                result = Offer.QUEUED_DROPPING_OLDER;
            }
            telemetry.addLast(frame);
            return result;
        }
        if (events.size() >= capacity) {
            return Offer.OVERFLOW;
        }
        events.addLast(frame);
        return Offer.QUEUED;
    }

    /** The next frame to send, or null when there is none. */
    synchronized EventFrame poll() {
        EventFrame next = events.pollFirst();
        return next != null ? next : telemetry.pollFirst();
    }

    synchronized boolean isEmpty() {
        return events.isEmpty() && telemetry.isEmpty();
    }

    synchronized int size() {
        return events.size() + telemetry.size();
    }

    /** Telemetry frames dropped so far. */
    synchronized long dropped() {
        return dropped;
    }
}
