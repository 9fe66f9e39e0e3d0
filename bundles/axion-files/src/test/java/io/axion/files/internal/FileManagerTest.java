package io.axion.files.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.axion.api.error.AxionException;
import io.axion.api.files.FileItem;
import io.axion.api.lxd.FileAttributes;
import io.axion.api.lxd.FileDownload;
import io.axion.api.lxd.FileType;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FileManagerTest {
    static final long CAP = 1024;
    FakeLxd lxd = new FakeLxd("web");
    FileManager files = new FileManager(lxd, lxd, CAP);

    @BeforeEach
    void tree() {
        files.mkdir("web", "/srv", FileAttributes.defaults());
    }

    @Test
    void aBinaryFileRoundTripsByteForByte() throws Exception {
        byte[] bytes = new byte[1000];
        new Random(7).nextBytes(bytes);
        bytes[0] = 0;
        bytes[1] = (byte) 0xff;

        files.write("web", "/srv/blob.bin", new ByteArrayInputStream(bytes), bytes.length, new FileAttributes(null, null, 0600));

        try (FileDownload download = files.read("web", "/srv/blob.bin")) {
            assertThat(download.content().readAllBytes()).isEqualTo(bytes);
            assertThat(download.entry().size()).isEqualTo(1000);
        }
        assertThat(files.list("web", "/srv").entries())
                .containsExactly(new FileItem("blob.bin", "file", 1000, 0600, 0, 0));
        assertThat(files.list("web", "/srv").type()).isEqualTo("directory");
    }

    @Test
    void aDeclaredLengthOverTheCapIs413BeforeAnythingIsRead() {
        InputStream untouchable = new InputStream() {
            @Override
            public int read() {
                throw new AssertionError("read although the length was announced too big");
            }
        };
        assertStatus(() -> files.write("web", "/srv/big", untouchable, CAP + 1, FileAttributes.defaults()), 413,
                "1024 bytes");
        assertThat(lxd.writes).isZero();
    }

    @Test
    void anUndeclaredUploadIsCountedAndATruncatedFileRemoved() {
        byte[] tooMany = new byte[(int) CAP + 1];
        assertStatus(() -> files.write("web", "/srv/big", new ByteArrayInputStream(tooMany), -1,
                FileAttributes.defaults()), 413, "larger than");
        assertThat(lxd.tree).doesNotContainKey("/srv/big");

        // A lying Content-Length is no way around it either.
        assertStatus(() -> files.write("web", "/srv/big", new ByteArrayInputStream(tooMany), 10,
                FileAttributes.defaults()), 413, "larger than");

        files.write("web", "/srv/exact", new ByteArrayInputStream(new byte[(int) CAP]), -1, FileAttributes.defaults());
        assertThat(lxd.tree.get("/srv/exact").bytes()).hasSize((int) CAP);
    }

    @Test
    void writingOverADirectoryIs409AndAMissingParent404() {
        assertStatus(() -> files.write("web", "/srv", new ByteArrayInputStream(new byte[1]), 1,
                FileAttributes.defaults()), 409, "is a directory");
        assertStatus(() -> files.write("web", "/nope/file", new ByteArrayInputStream(new byte[1]), 1,
                FileAttributes.defaults()), 404, "Directory 'web:/nope'");
        assertStatus(() -> files.mkdir("web", "/nope/dir", FileAttributes.defaults()), 404, "Directory 'web:/nope'");
    }

    @Test
    void unknownInstancesAndPathsAre404() {
        assertStatus(() -> files.stat("ghost", "/"), 404, "Instance 'ghost'");
        assertStatus(() -> files.list("ghost", "/"), 404, "Instance 'ghost'");
        assertStatus(() -> files.write("ghost", "/x", InputStream.nullInputStream(), 0, FileAttributes.defaults()),
                404, "Instance 'ghost'");
        assertStatus(() -> files.delete("ghost", "/x"), 404, "Instance 'ghost'");
        assertStatus(() -> files.stat("web", "/nope"), 404, "File 'web:/nope'");
        assertStatus(() -> files.read("web", "/nope"), 404, "File 'web:/nope'");
        assertStatus(() -> files.delete("web", "/nope"), 404, "File 'web:/nope'");
    }

    @Test
    void invalidPathsAndNamesAre422() {
        assertStatus(() -> files.stat("web", "/srv/../etc"), 422, "path:");
        assertStatus(() -> files.stat("web", "srv"), 422, "path:");
        assertStatus(() -> files.stat("web", null), 422, "path:");
        assertStatus(() -> files.write("web", "/a\0b", InputStream.nullInputStream(), 0, FileAttributes.defaults()),
                422, "path:");
        assertStatus(() -> files.stat("We b", "/"), 422, "name:");
        assertStatus(() -> files.delete("web", "/"), 422, "root");
    }

    @Test
    void mkdirIsIdempotentButRefusesAFile() {
        files.mkdir("web", "/srv", FileAttributes.defaults());
        assertThat(lxd.tree.get("/srv").type()).isEqualTo(FileType.DIRECTORY);
        files.write("web", "/srv/f", InputStream.nullInputStream(), 0, FileAttributes.defaults());
        assertStatus(() -> files.mkdir("web", "/srv/f", FileAttributes.defaults()), 409, "is a file");
    }

    @Test
    void deleteRemovesFilesAndEmptyDirectoriesOnly() {
        files.write("web", "/srv/f", InputStream.nullInputStream(), 0, FileAttributes.defaults());
        assertStatus(() -> files.delete("web", "/srv"), 409, "not empty");

        files.delete("web", "/srv/f");
        files.delete("web", "/srv");
        assertThat(lxd.tree).containsOnlyKeys("/");
    }

    static void assertStatus(Runnable call, int status, String detail) {
        assertThatThrownBy(call::run).isInstanceOf(AxionException.class)
                .satisfies(e -> assertThat(((AxionException) e).status()).isEqualTo(status))
                .hasMessageContaining(detail);
    }
}
