package io.axion.lxd.internal;

import io.axion.api.lxd.FileAttributes;
import io.axion.api.lxd.FileDownload;
import io.axion.api.lxd.FileEntry;
import io.axion.api.lxd.FileType;
import io.axion.api.lxd.LxdNotFoundException;
import io.axion.api.lxd.LxdRefusedException;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LxdFilesIT extends LxdProjectSupport {

    @Test
    void writeStatListReadMkdirDelete() throws Exception {
        String name = runningBusybox("files");
        var files = new LxdFilesService(lxd);
        var exec = new LxdExecService(lxd);

        files.mkdir(name, "/srv", FileAttributes.defaults());
        files.mkdir(name, "/srv/data", new FileAttributes(1000, 1000, 0750));
        FileEntry dir = files.stat(name, "/srv/data");
        assertThat(dir).isEqualTo(new FileEntry("data", FileType.DIRECTORY, 0, 0750, 1000, 1000));

        byte[] text = "hello axion\n".getBytes(StandardCharsets.UTF_8);
        files.write(name, "/srv/data/hello.txt", new ByteArrayInputStream(text), new FileAttributes(1000, 100, 0640));
        files.write(name, "/srv/data/empty", new ByteArrayInputStream(new byte[0]), FileAttributes.defaults());

        // Read back through a different path than the file API: a shell in the instance.
        var ls = exec.run(name, io.axion.api.lxd.ExecRequest.of("sh", "-c",
                "stat -c '%a %u %g %s' /srv/data/hello.txt && cat /srv/data/hello.txt"), null);
        assertThat(ls.stdout()).isEqualTo("640 1000 100 12\nhello axion\n");

        assertThat(files.stat(name, "/srv/data/hello.txt"))
                .isEqualTo(new FileEntry("hello.txt", FileType.FILE, 12, 0640, 1000, 100));
        assertThat(files.stat(name, "/srv/data/empty").size()).isZero();
        assertThat(files.list(name, "/srv/data")).extracting(FileEntry::name, FileEntry::type, FileEntry::size)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("empty", FileType.FILE, 0L),
                        org.assertj.core.groups.Tuple.tuple("hello.txt", FileType.FILE, 12L));
        assertThat(exec.run(name, io.axion.api.lxd.ExecRequest.of("ln", "-s", "hello.txt", "/srv/data/link"), null)
                .exitCode()).isZero();
        assertThat(files.list(name, "/srv/data")).extracting(FileEntry::name, FileEntry::type)
                .contains(org.assertj.core.groups.Tuple.tuple("link", FileType.SYMLINK));
        files.delete(name, "/srv/data/link");

        try (FileDownload download = files.read(name, "/srv/data/hello.txt")) {
            assertThat(download.entry().size()).isEqualTo(12);
            assertThat(download.content().readAllBytes()).isEqualTo(text);
        }
        assertThatThrownBy(() -> files.read(name, "/srv/data")).isInstanceOf(LxdRefusedException.class);
        assertThatThrownBy(() -> files.list(name, "/srv/data/hello.txt")).isInstanceOf(LxdRefusedException.class);

        // Overwrite replaces the content.
        files.write(name, "/srv/data/hello.txt", new ByteArrayInputStream("bye".getBytes(StandardCharsets.UTF_8)), null);
        try (FileDownload download = files.read(name, "/srv/data/hello.txt")) {
            assertThat(new String(download.content().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("bye");
        }

        files.delete(name, "/srv/data/hello.txt");
        files.delete(name, "/srv/data/empty");
        files.delete(name, "/srv/data");
        assertThat(exec.run(name, io.axion.api.lxd.ExecRequest.of("test", "-e", "/srv/data"), null).exitCode()).isEqualTo(1);
        assertThatThrownBy(() -> files.stat(name, "/srv/data")).isInstanceOf(LxdNotFoundException.class);
        assertThatThrownBy(() -> files.read(name, "/nope")).isInstanceOf(LxdNotFoundException.class);
    }
}
