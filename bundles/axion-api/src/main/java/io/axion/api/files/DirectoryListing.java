package io.axion.api.files;

import java.util.List;

/** What {@code GET .../files?path=} answers for a directory: {@code {type: "directory", entries: [...]}}. */
public record DirectoryListing(String type, List<FileItem> entries) {
    public static final String DIRECTORY = "directory";

    public DirectoryListing {
        entries = entries == null ? List.of() : List.copyOf(entries);
    }

    public static DirectoryListing of(List<FileItem> entries) {
        return new DirectoryListing(DIRECTORY, entries);
    }
}
