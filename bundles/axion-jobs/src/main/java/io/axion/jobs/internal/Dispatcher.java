package io.axion.jobs.internal;

import io.axion.jobs.internal.JobRepository.Row;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

/**
 * Decides which job a free worker runs next, without polling. Unfinished jobs sit in lanes, one lane per instance
 * (a job without an instance has a lane of its own); only the oldest job of a lane may run, so an instance's jobs
 * run one at a time and in order. A lane is in exactly one of these places:
 * <ul>
 * <li>the ready queue, when its head may run now: workers block on it and are signalled as lanes arrive;</li>
 * <li>a timer, when its head waits for a retry time or its instance's lock was busy elsewhere;</li>
 * <li>the waiting room of its head's type, when no handler does that type yet;</li>
 * <li>nowhere, while a worker runs its head, or while its head is held by a dead worker's unexpired lease.</li>
 * </ul>
 */
final class Dispatcher {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition readyOrClosed = lock.newCondition();
    private final Map<String, Lane> lanes = new HashMap<>();
    private final ArrayDeque<Lane> ready = new ArrayDeque<>();
    private final Map<String, Set<Lane>> waitingForHandler = new HashMap<>();
    private final Predicate<String> hasHandler;
    private final Predicate<String> runsHost;
    /** Jobs finished (or found taken) here lately: a sweep that read them before they ended must not bring them back. */
    private final Map<Long, Boolean> recentlyDone = new java.util.LinkedHashMap<>(256, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Boolean> eldest) {
            return size() > 20_000;
        }
    };
    private final ScheduledExecutorService timer;
    private final Clock clock;
    private boolean closed;

    private enum LaneState { IDLE, READY, RUNNING }

    static final class Lane {
        private final String key;
        private final TreeMap<Long, Row> jobs = new TreeMap<>();
        /** When each job came into the lane (System.nanoTime), so that a sweep forgets only what it could see. */
        private final Map<Long, Long> added = new HashMap<>();
        private LaneState state = LaneState.IDLE;
        private long notBefore;
        private ScheduledFuture<?> wakeup;
        private String waitingType;

        private Lane(String key) {
            this.key = key;
        }
    }

    /** A lane handed to a worker, and the job it is to run. */
    record Taken(Lane lane, Row row) {
    }

    Dispatcher(Predicate<String> hasHandler, ScheduledExecutorService timer, Clock clock) {
        this(hasHandler, host -> true, timer, clock);
    }

    /**
     * @param runsHost whether this engine runs the jobs of a host now (its node owns it); a lane whose head is of
     *                 a host it does not run is dropped (the host's owner has it)
     */
    Dispatcher(Predicate<String> hasHandler, Predicate<String> runsHost, ScheduledExecutorService timer, Clock clock) {
        this.hasHandler = hasHandler;
        this.runsHost = runsHost;
        this.timer = timer;
        this.clock = clock;
    }

    static String laneKey(Row row) {
        return row.job().instance() != null ? "i:" + row.job().instance() : "j:" + row.job().id();
    }

    /** Adds a new job, or replaces a known one (a recovered job, now pending). */
    void put(Row row) {
        lock.lock();
        try {
            Lane lane = lanes.computeIfAbsent(laneKey(row), Lane::new);
            lane.jobs.put(row.seq(), row);
            lane.added.putIfAbsent(row.seq(), System.nanoTime());
            if (lane.state == LaneState.IDLE) {
                evaluate(lane);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Adds a job another node announced or a sweep found, unless it is known already. */
    void putIfAbsent(Row row) {
        lock.lock();
        try {
            if (recentlyDone.containsKey(row.seq())) {
                return;
            }
            Lane lane = lanes.computeIfAbsent(laneKey(row), Lane::new);
            if (lane.jobs.putIfAbsent(row.seq(), row) == null) {
                lane.added.put(row.seq(), System.nanoTime());
                if (lane.state == LaneState.IDLE) {
                    evaluate(lane);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** A job finished elsewhere: forget it unless a worker here runs it now. */
    void finishedElsewhere(Row row) {
        lock.lock();
        try {
            Lane lane = lanes.get(laneKey(row));
            if (lane == null || (lane.state == LaneState.RUNNING && lane.jobs.firstKey() == row.seq())) {
                return;
            }
            if (lane.jobs.remove(row.seq()) != null && lane.state == LaneState.IDLE) {
                evaluate(lane);
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * A sweep read {@code unfinished} (the seqs of every unfinished job this engine runs) from a read that started
     * at {@code readStartedNanos}: jobs it lacks that were here before that read finished elsewhere. A worker's
     * running job stays: its own outcome settles it.
     */
    void forgetFinished(Set<Long> unfinished, long readStartedNanos) {
        lock.lock();
        try {
            for (Lane lane : List.copyOf(lanes.values())) {
                Long running = lane.state == LaneState.RUNNING && !lane.jobs.isEmpty() ? lane.jobs.firstKey() : null;
                boolean removed = lane.jobs.keySet().removeIf(seq -> !seq.equals(running) && !unfinished.contains(seq)
                        && lane.added.getOrDefault(seq, Long.MAX_VALUE) - readStartedNanos < 0);
                lane.added.keySet().retainAll(lane.jobs.keySet());
                if (removed && lane.state == LaneState.IDLE) {
                    evaluate(lane);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** This engine stopped running a host: its idle lanes go (running ones go once their job is done). */
    void hostDropped() {
        lock.lock();
        try {
            for (Lane lane : List.copyOf(lanes.values())) {
                if (lane.state != LaneState.RUNNING) {
                    if (lane.state == LaneState.READY) {
                        ready.remove(lane);
                        lane.state = LaneState.IDLE;
                    }
                    evaluate(lane);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** Forgets a job that is no longer to run (given up by recovery). */
    void remove(Row row) {
        lock.lock();
        try {
            Lane lane = lanes.get(laneKey(row));
            if (lane != null && lane.jobs.remove(row.seq()) != null && lane.state == LaneState.IDLE) {
                evaluate(lane);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Blocks until a lane is ready, and hands it to the caller; {@code null} once closed. */
    Taken take() throws InterruptedException {
        lock.lockInterruptibly();
        try {
            while (!closed) {
                Lane lane = ready.pollFirst();
                if (lane != null && lane.jobs.isEmpty()) {
                    lane.state = LaneState.IDLE;
                    evaluate(lane);
                } else if (lane != null) {
                    lane.state = LaneState.RUNNING;
                    return new Taken(lane, lane.jobs.firstEntry().getValue());
                }
                readyOrClosed.await();
            }
            return null;
        } finally {
            lock.unlock();
        }
    }

    /** The worker did not run the lane's head (lock busy, handler gone); look again after {@code delayMillis}. */
    void putBack(Lane lane, long delayMillis) {
        lock.lock();
        try {
            lane.state = LaneState.IDLE;
            lane.notBefore = delayMillis > 0 ? clock.millis() + delayMillis : 0;
            evaluate(lane);
        } finally {
            lock.unlock();
        }
    }

    /** The worker ran the head: it is finished (dropped) or pending again (kept, with its new run time). */
    void done(Lane lane, Row after) {
        lock.lock();
        try {
            if (after.job().finished()) {
                lane.jobs.remove(after.seq());
                recentlyDone.put(after.seq(), Boolean.TRUE);
            } else {
                lane.jobs.put(after.seq(), after);
            }
            lane.state = LaneState.IDLE;
            lane.notBefore = 0;
            evaluate(lane);
        } finally {
            lock.unlock();
        }
    }

    /** The worker found its job gone from the store (taken elsewhere): forget it. */
    void discard(Lane lane, long seq) {
        lock.lock();
        try {
            lane.jobs.remove(seq);
            recentlyDone.put(seq, Boolean.TRUE);
            lane.state = LaneState.IDLE;
            lane.notBefore = 0;
            evaluate(lane);
        } finally {
            lock.unlock();
        }
    }

    /** A handler for {@code type} arrived: its waiting lanes may run. */
    void handlerAdded(String type) {
        lock.lock();
        try {
            Set<Lane> waiting = waitingForHandler.remove(type);
            if (waiting != null) {
                for (Lane lane : waiting) {
                    lane.waitingType = null;
                    if (lane.state == LaneState.IDLE) {
                        evaluate(lane);
                    }
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** Wakes every blocked worker with {@code null}. */
    void close() {
        lock.lock();
        try {
            closed = true;
            lanes.values().forEach(Dispatcher::cancelWakeup);
            readyOrClosed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Unfinished jobs known, including running ones. */
    int size() {
        lock.lock();
        try {
            return lanes.values().stream().mapToInt(lane -> lane.jobs.size()).sum();
        } finally {
            lock.unlock();
        }
    }

    /** Puts an idle lane where its head belongs. Called with the lock held. */
    private void evaluate(Lane lane) {
        cancelWakeup(lane);
        lane.added.keySet().retainAll(lane.jobs.keySet());
        if (lane.waitingType != null) {
            Set<Lane> waiting = waitingForHandler.get(lane.waitingType);
            if (waiting != null) {
                waiting.remove(lane);
            }
            lane.waitingType = null;
        }
        if (lane.jobs.isEmpty()) {
            lanes.remove(lane.key, lane);
            return;
        }
        if (closed) {
            return;
        }
        Row head = lane.jobs.firstEntry().getValue();
        if (!runsHost.test(head.job().host())) {
            cancelWakeup(lane);
            lanes.remove(lane.key, lane);
            return;
        }
        if (head.leaseExpiresAt() > 0) {
            return;
        }
        String type = head.job().type();
        if (!hasHandler.test(type)) {
            lane.waitingType = type;
            waitingForHandler.computeIfAbsent(type, t -> new HashSet<>()).add(lane);
            return;
        }
        long due = Math.max(head.job().nextRunAt().toEpochMilli(), lane.notBefore);
        long wait = due - clock.millis();
        if (wait > 0) {
            lane.wakeup = timer.schedule(() -> wake(lane), wait, TimeUnit.MILLISECONDS);
            return;
        }
        lane.state = LaneState.READY;
        ready.addLast(lane);
        readyOrClosed.signal();
    }

    private void wake(Lane lane) {
        lock.lock();
        try {
            if (lane.state == LaneState.IDLE && lanes.get(lane.key) == lane) {
                lane.wakeup = null;
                evaluate(lane);
            }
        } finally {
            lock.unlock();
        }
    }

    private static void cancelWakeup(Lane lane) {
        if (lane.wakeup != null) {
            lane.wakeup.cancel(false);
            lane.wakeup = null;
        }
    }
}
