package io.axion.hpc.internal.run;

import java.nio.charset.StandardCharsets;

/** Caps what a member wrote, so one chatty member cannot fill the store. */
final class RunOutput {
    static final int CAP_BYTES = 64 * 1024;

    private RunOutput() {
    }

    static boolean over(String text) {
        return text != null && text.getBytes(StandardCharsets.UTF_8).length > CAP_BYTES;
    }

    /** The first {@value #CAP_BYTES} bytes, cut on a character boundary. */
    static String cap(String text) {
        if (text == null) {
            return "";
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= CAP_BYTES) {
            return text;
        }
        int end = CAP_BYTES;
        while (end > 0 && (bytes[end] & 0xC0) == 0x80) {
            end--;
        }
        return new String(bytes, 0, end, StandardCharsets.UTF_8);
    }
}
