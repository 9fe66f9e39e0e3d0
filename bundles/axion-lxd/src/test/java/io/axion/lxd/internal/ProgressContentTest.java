package io.axion.lxd.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.client.ByteBufferRequestContent;
import org.eclipse.jetty.io.Content;
import org.junit.jupiter.api.Test;

class ProgressContentTest {

    private static long drain(Content.Source source) {
        long read = 0;
        while (true) {
            Content.Chunk chunk = source.read();
            if (chunk == null) {
                continue; // an in-memory body always has its next chunk at once
            }
            read += chunk.remaining();
            chunk.release();
            if (chunk.isLast()) {
                return read;
            }
        }
    }

    @Test
    void countsEveryChunkAndReportsTheTotalAtTheEndKeepingTheLength() {
        List<Long> reports = new ArrayList<>();
        ProgressContent content = new ProgressContent(new ByteBufferRequestContent("application/octet-stream",
                ByteBuffer.allocate(3000), ByteBuffer.allocate(5000)), reports::add, Long.MAX_VALUE);

        assertThat(content.getLength()).isEqualTo(8000);
        assertThat(content.getContentType()).isEqualTo("application/octet-stream");
        assertThat(drain(content)).isEqualTo(8000);
        assertThat(reports).containsExactly(8000L);
    }

    @Test
    void reportsAsItGoesWhenTheIntervalHasPassedAndStartsOverOnARewind() {
        List<Long> reports = new ArrayList<>();
        ProgressContent content = new ProgressContent(new ByteBufferRequestContent(ByteBuffer.allocate(10),
                ByteBuffer.allocate(20)), reports::add, 0);

        drain(content);
        assertThat(reports).startsWith(10L).endsWith(30L);
        assertThat(content.rewind()).isTrue();
        reports.clear();
        drain(content);
        assertThat(reports).endsWith(30L);
    }
}
