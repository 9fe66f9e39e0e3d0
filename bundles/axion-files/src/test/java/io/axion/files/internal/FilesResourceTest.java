package io.axion.files.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.axion.api.error.ValidationException;
import io.axion.api.files.DirectoryListing;
import io.axion.api.lxd.FileAttributes;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

class FilesResourceTest {
    FakeLxd lxd = new FakeLxd("web");
    FileManager manager = new FileManager(lxd, lxd, 1 << 20);
    FilesResource resource = new FilesResource(manager);

    @Test
    void aFileStreamsAsOctetsWithItsLengthAndADirectoryListsAsJson() throws Exception {
        byte[] bytes = {0, 1, 2, (byte) 0xfe, (byte) 0xff};
        assertThat(resource.put("web", "/blob", null, "0640", null, null, "5", new ByteArrayInputStream(bytes))
                .getStatus()).isEqualTo(204);

        Response file = resource.get("web", "/blob");
        assertThat(file.getMediaType().toString()).isEqualTo("application/octet-stream");
        assertThat(file.getHeaderString("Content-Length")).isEqualTo("5");
        assertThat(file.getHeaderString("X-Axion-File-Type")).isEqualTo("file");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ((StreamingOutput) file.getEntity()).write(out);
        assertThat(out.toByteArray()).isEqualTo(bytes);
        assertThat(lxd.tree.get("/blob").mode()).isEqualTo(0640);

        Response directory = resource.get("web", "/");
        assertThat(directory.getMediaType().toString()).isEqualTo("application/json");
        assertThat(((DirectoryListing) directory.getEntity()).entries()).extracting(e -> e.name()).containsExactly("blob");
    }

    @Test
    void typeDirectoryMakesADirectoryAndOtherTypesAre422() {
        assertThat(resource.put("web", "/d", "directory", null, null, null, null, InputStream.nullInputStream())
                .getStatus()).isEqualTo(204);
        assertThat(lxd.stat("web", "/d").type().name()).isEqualTo("DIRECTORY");
        assertThatThrownBy(() -> resource.put("web", "/e", "fifo", null, null, null, null, InputStream.nullInputStream()))
                .isInstanceOf(ValidationException.class).hasMessageStartingWith("type:");
        assertThat(resource.delete("web", "/d").getStatus()).isEqualTo(204);
    }

    @Test
    void modesAndOwnersAreChecked() {
        assertThat(FilesResource.mode("0755")).isEqualTo(0755);
        assertThat(FilesResource.mode("644")).isEqualTo(0644);
        assertThat(FilesResource.mode(null)).isNull();
        assertThatThrownBy(() -> FilesResource.mode("0999")).hasMessageStartingWith("mode:");
        assertThatThrownBy(() -> FilesResource.mode("77777")).hasMessageStartingWith("mode:");
        assertThat(FilesResource.id("uid", "1000")).isEqualTo(1000);
        assertThatThrownBy(() -> FilesResource.id("gid", "-1")).hasMessageStartingWith("gid:");
        assertThat(new FileAttributes(null, null, null)).isEqualTo(FileAttributes.defaults());
    }

    @Test
    void headerFileNamesStayPrintableAscii() {
        assertThat(FilesResource.asciiName("a\"b\\c\u00fc\n.txt")).isEqualTo("a_b_c__.txt");
    }
}
