package io.axion.lxd.internal;

import io.axion.api.lxd.FileAttributes;
import io.axion.api.lxd.FileEntry;
import io.axion.api.lxd.FileType;
import org.eclipse.jetty.client.Request;

/** LXD's file metadata headers ({@code X-LXD-type}, {@code -mode}, {@code -uid}, {@code -gid}) both ways. */
final class FileHeaders {

    private FileHeaders() {
    }

    static FileType type(LxdConnection.StreamingResponse response) {
        return LxdJson.fileType(response.header("X-LXD-type"));
    }

    static FileEntry entry(String name, LxdConnection.StreamingResponse response) {
        FileType type = type(response);
        long size = type == FileType.FILE ? size(response.header("Content-Range"), response.header("Content-Length")) : 0;
        return new FileEntry(name, type, size,
                parseInt(response.header("X-LXD-mode"), 8),
                parseInt(response.header("X-LXD-uid"), 10),
                parseInt(response.header("X-LXD-gid"), 10));
    }

    /** The full size from {@code bytes 0-0/1982256}, else the Content-Length of a whole-file answer. */
    static long size(String contentRange, String contentLength) {
        if (contentRange != null) {
            int slash = contentRange.lastIndexOf('/');
            if (slash >= 0 && !contentRange.endsWith("*")) {
                return Long.parseLong(contentRange.substring(slash + 1).trim());
            }
        }
        return contentLength == null ? 0 : Long.parseLong(contentLength.trim());
    }

    static Request withAttributes(Request request, String type, FileAttributes attributes) {
        FileAttributes a = attributes == null ? FileAttributes.defaults() : attributes;
        return request.headers(h -> {
            h.put("X-LXD-type", type);
            if (a.uid() != null) {
                h.put("X-LXD-uid", Integer.toString(a.uid()));
            }
            if (a.gid() != null) {
                h.put("X-LXD-gid", Integer.toString(a.gid()));
            }
            if (a.mode() != null) {
                h.put("X-LXD-mode", String.format("%04o", a.mode()));
            }
        });
    }

    private static int parseInt(String value, int radix) {
        if (value == null || value.isBlank()) {
            return 0;
        }
        try {
            return Integer.parseInt(value.trim(), radix);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
