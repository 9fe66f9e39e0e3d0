package io.axion.telemetry.internal.events;

import jakarta.websocket.CloseReason;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@code /ws/events} connection: its own queue ({@link OutboundQueue}) and at most one frame in flight, sent
 * asynchronously, so that a slow client only ever slows itself. A client is closed with {@value #TOO_SLOW} when it
 * overflows its queue, leaves a frame unsent or a ping unanswered for too long.
 */
final class EventClient {
    /** Close code for a client that does not keep up (4000-4999 is the application's range). */
    static final int TOO_SLOW = 4008;
    private static final Logger LOG = LoggerFactory.getLogger(EventClient.class);
    private static final byte[] PING = "axion".getBytes(StandardCharsets.US_ASCII);
    /**
     * A full telemetry frame at least this often per host, even to a client that got every delta: a client that
     * joined the wrong way, or any mistake in applying deltas, mends itself within this many sweeps.
     */
    static final int FULL_FRAME_EVERY = 60;

    private final Session session;
    private final FrameSender sender;
    private final String user;
    private final OutboundQueue queue;
    private final AtomicBoolean sending = new AtomicBoolean();
    private final AtomicBoolean closing = new AtomicBoolean();
    private final LongAdder sent = new LongAdder();
    private final LongAdder closedTooSlow;
    private volatile Set<String> channels;
    /** {@link System#nanoTime()} when the frame in flight was handed to the socket; 0 when none is. */
    private volatile long inFlightSince;
    /** When the unanswered ping was sent; 0 when none is outstanding. */
    private volatile long pingSentAt;
    private volatile long lastPingAt;
    private volatile long closingSince;
    private volatile boolean closed;
    private final String tenant;
    /**
     * Per host: the sweep number of the last telemetry frame queued for this client, and how many deltas followed
     * its last full frame. Only the fan-out thread offers frames.
     */
    private final Map<String, long[]> telemetryBase = new ConcurrentHashMap<>();
    /** Where this client's periodic full frames fall, so that not every client decodes one in the same second. */
    private final int fullPhase = ThreadLocalRandom.current().nextInt(FULL_FRAME_EVERY);

    String tenant() {
        return tenant;
    }

    EventClient(Session session, String user, Set<String> channels, OutboundQueue queue, LongAdder closedTooSlow) {
        this(session, user, null, channels, queue, closedTooSlow);
    }

    /** @param tenant the tenant whose events it gets; null for every event (a global admin, or no tenants) */
    EventClient(Session session, String user, String tenant, Set<String> channels, OutboundQueue queue,
                LongAdder closedTooSlow) {
        this.tenant = tenant;
        this.session = session;
        this.sender = FrameSender.of(session);
        this.closedTooSlow = closedTooSlow;
        this.user = user;
        this.channels = channels;
        this.queue = queue;
        this.lastPingAt = System.nanoTime();
    }

    /** Queues the frame if the client wants its channel, and sends what it can. Never blocks. */
    void offer(EventFrame frame) {
        if (closing.get() || !channels.contains(frame.channel())) {
            return;
        }
        if (queue.offer(frame, deltaWillDo(frame)) == OutboundQueue.Offer.OVERFLOW) {
            close(TOO_SLOW, "too slow: more than the allowed job and instance events waiting");
            return;
        }
        pump();
    }

    /**
     * Whether the client may get the frame's delta: it was queued the frame the delta is relative to, and its next
     * periodic full frame is not due. Records the frame as the client's latest of its host.
     */
    private boolean deltaWillDo(EventFrame frame) {
        EventFrame.Sweep sweep = frame.sweep();
        if (sweep == null) {
            return false;
        }
        long[] base = telemetryBase.get(sweep.host());
        boolean delta = sweep.delta() != null && base != null && base[0] == sweep.baseId()
                && base[1] + 1 < FULL_FRAME_EVERY;
        if (base == null) {
            // The first full frame counts as if the phase's deltas had come before it.
            telemetryBase.put(sweep.host(), new long[] {sweep.id(), fullPhase});
        } else {
            base[0] = sweep.id();
            base[1] = delta ? base[1] + 1 : 0;
        }
        return delta;
    }

    /** A text message from the client: a subscription changes the channels; anything else is ignored. */
    void onText(String text) {
        Channels.fromMessage(text).ifPresentOrElse(wanted -> channels = wanted,
                () -> LOG.debug("Ignoring a message on /ws/events from {}", user));
    }

    void onPong() {
        pingSentAt = 0;
    }

    void onClosed() {
        closed = true;
        closing.set(true);
    }

    /**
     * The watchdog's look at this client: closes it when stalled, aborts it when it ignored its close, pings it when
     * a ping is due (on {@code pinger}: a Jakarta ping blocks until written).
     */
    void watch(long now, long pingIntervalNanos, long stallNanos, long closeGraceNanos, Executor pinger) {
        if (closed) {
            return;
        }
        if (closing.get()) {
            if (now - closingSince > closeGraceNanos) {
                abort();
            }
            return;
        }
        long inFlight = inFlightSince;
        if (inFlight != 0 && now - inFlight > stallNanos) {
            close(TOO_SLOW, "too slow: a frame waited " + seconds(now - inFlight) + " s to be sent");
            return;
        }
        long ping = pingSentAt;
        if (ping != 0 && now - ping > stallNanos) {
            close(TOO_SLOW, "not responding: no pong for " + seconds(now - ping) + " s");
            return;
        }
        if (ping == 0 && inFlight == 0 && now - lastPingAt >= pingIntervalNanos) {
            lastPingAt = now;
            pingSentAt = now;
            pinger.execute(this::ping);
        }
    }

    long dropped() {
        return queue.dropped();
    }

    long sent() {
        return sent.sum();
    }

    boolean closing() {
        return closing.get();
    }

    void close(int code, String reason) {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        closingSince = System.nanoTime();
        if (code == TOO_SLOW) {
            closedTooSlow.increment();
        }
        LOG.info("Closing /ws/events of {} ({}): {}", user, code, reason);
        try {
            session.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(code), reason));
        } catch (IOException | RuntimeException e) {
            abort();
        }
    }

    private void pump() {
        while (!closing.get() && sending.compareAndSet(false, true)) {
            EventFrame frame = queue.poll();
            if (frame == null) {
                sending.set(false);
                if (queue.isEmpty()) {
                    return;
                }
                continue; // a frame arrived between the poll and the release
            }
            Send send = new Send();
            inFlightSince = System.nanoTime() | 1;
            try {
                sender.send(frame, result -> sent(result, send));
            } catch (RuntimeException e) {
                inFlightSince = 0;
                sending.set(false);
                close(TOO_SLOW, "sending failed: " + e.getMessage());
                return;
            }
            if (send.returned()) {
                return; // completes later on another thread, which then goes on pumping
            }
            sending.set(false); // completed while being handed over: go on in this loop, without recursion
        }
    }

    private void sent(SendResult result, Send send) {
        inFlightSince = 0;
        if (!result.isOK()) {
            sending.set(false);
            LOG.debug("Sending to {} failed: {}", user, String.valueOf(result.getException()));
            close(TOO_SLOW, "sending failed");
            return;
        }
        sent.increment();
        if (send.completed()) {
            return; // the pump loop that is handing it over goes on
        }
        sending.set(false);
        pump();
    }

    private void ping() {
        try {
            session.getAsyncRemote().sendPing(ByteBuffer.wrap(PING));
        } catch (IOException | RuntimeException e) {
            LOG.debug("Ping to {} failed: {}", user, e.getMessage());
        }
    }

    /** Jetty's own abort, for a client whose socket is too full to take even the close frame. */
    private void abort() {
        closed = true;
        try {
            session.getClass().getMethod("abort").invoke(session);
        } catch (ReflectiveOperationException | RuntimeException e) {
            try {
                session.close();
            } catch (IOException | RuntimeException ignored) {
                // nothing more to do: the connection's idle timeout ends it
            }
        }
    }

    private static long seconds(long nanos) {
        return nanos / 1_000_000_000L;
    }

    /** Tells whether a send completed while {@code sendText} was still handing it over (then the loop continues). */
    private static final class Send {
        private static final int SENDING = 0;
        private static final int COMPLETED_INLINE = 1;
        private static final int RETURNED = 2;
        private final AtomicInteger state = new AtomicInteger(SENDING);

        /** Called by the completion: true when it completed inline. */
        boolean completed() {
            return state.compareAndSet(SENDING, COMPLETED_INLINE);
        }

        /** Called after sendText returned: true when the completion is still to come. */
        boolean returned() {
            return state.compareAndSet(SENDING, RETURNED);
        }
    }
}
