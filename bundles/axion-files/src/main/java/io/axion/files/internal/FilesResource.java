package io.axion.files.internal;

import io.axion.api.auth.Roles;
import io.axion.api.error.ValidationException;
import io.axion.api.files.FileService;
import io.axion.api.lxd.FileAttributes;
import io.axion.api.lxd.FileDownload;
import io.axion.api.lxd.FileEntry;
import io.axion.api.lxd.FileType;
import io.axion.api.web.RestResource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.InputStream;
import java.util.Locale;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Files of shared/API.md, thin over {@link FileService}. A file's bytes stream from LXD to the client as they
 * arrive, and an upload streams from the client to LXD: neither is held whole in memory.
 */
@Component(service = RestResource.class)
@Path("/api/v1/instances/{name}/files")
@RolesAllowed(Roles.VIEWER)
public class FilesResource implements RestResource {
    /** Tells a file from a symlink (whose bytes are its target) in a download. */
    static final String FILE_TYPE_HEADER = "X-Axion-File-Type";

    @Reference
    private FileService files;

    public FilesResource() {
    }

    FilesResource(FileService files) {
        this.files = files;
    }

    /** A directory as {@code {type: "directory", entries}}; a file as its bytes ({@code application/octet-stream}). */
    @GET
    public Response get(@PathParam("name") String name, @QueryParam("path") String path) {
        FileEntry entry = files.stat(name, path);
        if (entry.type() == FileType.DIRECTORY) {
            return Response.ok(files.list(name, path), MediaType.APPLICATION_JSON_TYPE).build();
        }
        FileDownload download = files.read(name, path);
        StreamingOutput body = out -> {
            try (download) {
                download.content().transferTo(out);
            }
        };
        FileEntry read = download.entry();
        Response.ResponseBuilder response = Response.ok(body, MediaType.APPLICATION_OCTET_STREAM_TYPE)
                .header(FILE_TYPE_HEADER, read.type().name().toLowerCase(Locale.ROOT))
                .header("Content-Disposition", "attachment; filename=\"" + asciiName(read.name()) + "\"");
        if (read.type() == FileType.FILE) {
            response.header(HttpHeaders.CONTENT_LENGTH, read.size());
        }
        return response.build();
    }

    /**
     * Writes the raw body as the file (204), or with {@code ?type=directory} makes a directory. Optional
     * {@code mode} (octal, e.g. 0644), {@code uid} and {@code gid} set the new entry's permissions and owner.
     */
    @PUT
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed(Roles.OPERATOR)
    public Response put(@PathParam("name") String name, @QueryParam("path") String path,
                        @QueryParam("type") String type, @QueryParam("mode") String mode,
                        @QueryParam("uid") String uid, @QueryParam("gid") String gid,
                        @HeaderParam(HttpHeaders.CONTENT_LENGTH) String contentLength, InputStream body) {
        FileAttributes attributes = new FileAttributes(id("uid", uid), id("gid", gid), mode(mode));
        if (type == null || type.isEmpty() || type.equals("file")) {
            files.write(name, path, body, length(contentLength), attributes);
        } else if (type.equals("directory")) {
            files.mkdir(name, path, attributes);
        } else {
            throw new ValidationException("type", "must be file or directory");
        }
        return Response.noContent().build();
    }

    /** Deletes a file, a symlink or an empty directory (204). */
    @DELETE
    @RolesAllowed(Roles.OPERATOR)
    public Response delete(@PathParam("name") String name, @QueryParam("path") String path) {
        files.delete(name, path);
        return Response.noContent().build();
    }

    static Integer mode(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            int mode = Integer.parseInt(text, 8);
            if (mode >= 0 && mode <= 07777) {
                return mode;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ValidationException("mode", "must be octal permission bits, e.g. 0644");
    }

    static Integer id(String field, String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            int id = Integer.parseInt(text);
            if (id >= 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ValidationException(field, "must be a non-negative number");
    }

    private static long length(String header) {
        try {
            return header == null ? -1 : Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** A file name safe inside a quoted header value. */
    static String asciiName(String name) {
        StringBuilder safe = new StringBuilder(name.length());
        for (char c : name.toCharArray()) {
            safe.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' ? c : '_');
        }
        return safe.toString();
    }
}
