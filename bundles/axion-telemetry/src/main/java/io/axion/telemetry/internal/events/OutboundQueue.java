package io.axion.telemetry.internal.events;

import java.util.ArrayDeque;

/**
 * What one client has yet to receive, and the policy for a client that falls behind: job and instance events wait
 * in order up to a capacity (past it the client must go: it would miss events it cannot do without); telemetry waits
 * in a short queue of its own whose oldest frame is dropped when a newer one arrives (the newer supersedes it).
 * Frames that must not be lost go first.
 * <p>
 * A telemetry frame may wait as its delta (see {@link TelemetryDeltas}); when a frame is dropped, the next frame of
 * the same host goes out in full, because its delta is relative to the one the client now misses.
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
    private final ArrayDeque<Waiting> telemetry = new ArrayDeque<>();

    /** A telemetry frame, and whether its delta is to be sent instead of it. */
    private static final class Waiting {
        final EventFrame frame;
        boolean asDelta;

        Waiting(EventFrame frame, boolean asDelta) {
            this.frame = frame;
            this.asDelta = asDelta && frame.sweep() != null && frame.sweep().delta() != null;
        }

        String host() {
            return frame.sweep() == null ? null : frame.sweep().host();
        }

        EventFrame toSend() {
            return asDelta ? frame.sweep().delta() : frame;
        }
    }
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
        return offer(frame, false);
    }

    /** @param asDelta send the frame's delta rather than the frame (when it has one) */
    synchronized Offer offer(EventFrame frame, boolean asDelta) {
        if (frame.droppable()) {
            Offer result = Offer.QUEUED;
            telemetry.addLast(new Waiting(frame, asDelta));
            if (telemetry.size() > telemetryBacklog) {
                Waiting gone = telemetry.pollFirst();
                dropped++;
                result = Offer.QUEUED_DROPPING_OLDER;
                for (Waiting next : telemetry) {
                    if (java.util.Objects.equals(next.host(), gone.host())) {
                        next.asDelta = false;
                        break;
                    }
                }
            }
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
        if (next != null) {
            return next;
        }
        Waiting sweep = telemetry.pollFirst();
        return sweep == null ? null : sweep.toSend();
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
