package io.axion.lxd.internal;

import java.util.function.LongConsumer;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.io.Content;

/**
 * A request body that tells how much of it has been sent: it counts the chunks Jetty reads from the body it wraps
 * (so its length, and thus the Content-Length header, stay the wrapped body's). Reports at most once per interval,
 * and once at the end.
 */
final class ProgressContent implements Request.Content {
    private final Request.Content body;
    private final LongConsumer progress;
    private final long intervalNanos;
    private long sent;
    private long reportedAt = System.nanoTime();

    ProgressContent(Request.Content body, LongConsumer progress, long intervalNanos) {
        this.body = body;
        this.progress = progress;
        this.intervalNanos = intervalNanos;
    }

    @Override
    public String getContentType() {
        return body.getContentType();
    }

    @Override
    public long getLength() {
        return body.getLength();
    }

    @Override
    public Content.Chunk read() {
        Content.Chunk chunk = body.read();
        if (chunk == null || Content.Chunk.isFailure(chunk)) {
            return chunk;
        }
        sent += chunk.remaining();
        long now = System.nanoTime();
        if (chunk.isLast() || now - reportedAt >= intervalNanos) {
            reportedAt = now;
            progress.accept(sent);
        }
        return chunk;
    }

    @Override
    public void demand(Runnable demandCallback) {
        body.demand(demandCallback);
    }

    @Override
    public void fail(Throwable failure) {
        body.fail(failure);
    }

    @Override
    public void fail(Throwable failure, boolean last) {
        body.fail(failure, last);
    }

    @Override
    public boolean rewind() {
        boolean rewound = body.rewind();
        if (rewound) {
            sent = 0;
        }
        return rewound;
    }
}
