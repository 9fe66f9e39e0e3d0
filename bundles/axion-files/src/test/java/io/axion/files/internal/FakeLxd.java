package io.axion.files.internal;

import io.axion.api.lxd.FileAttributes;
import io.axion.api.lxd.FileDownload;
import io.axion.api.lxd.FileEntry;
import io.axion.api.lxd.FileType;
import io.axion.api.lxd.InstanceStatus;
import io.axion.api.lxd.LxdFiles;
import io.axion.api.lxd.LxdNotFoundException;
import io.axion.api.lxd.LxdRefusedException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One instance of the shared in-memory LXD with a file tree, answering like LXD: the same 404 for a missing instance
 * and a missing path, a partial file left behind by an aborted upload, a refusal to delete a non-empty directory.
 */
final class FakeLxd extends io.axion.testing.FakeLxd implements LxdFiles {
    record Node(FileType type, byte[] bytes, int mode) {
    }

    final String instance;
    final Map<String, Node> tree = new TreeMap<>();
    int writes;

    FakeLxd(String instance) {
        this.instance = instance;
        add(instance, InstanceStatus.RUNNING);
        tree.put("/", new Node(FileType.DIRECTORY, null, 0755));
    }

    private Node node(String name, String path) {
        Node node = name.equals(instance) ? tree.get(path) : null;
        if (node == null) {
            throw new LxdNotFoundException("File", name + ":" + path);
        }
        return node;
    }

    private void requireParent(String name, String path) {
        int slash = path.lastIndexOf('/');
        Node parent = node(name, slash <= 0 ? "/" : path.substring(0, slash));
        if (parent.type() != FileType.DIRECTORY) {
            throw new LxdNotFoundException("File", name + ":" + path);
        }
    }

    private static String nameOf(String path) {
        return path.equals("/") ? "/" : path.substring(path.lastIndexOf('/') + 1);
    }

    @Override
    public FileEntry stat(String name, String path) {
        Node node = node(name, path);
        return new FileEntry(nameOf(path), node.type(), node.bytes() == null ? 0 : node.bytes().length, node.mode(),
                0, 0);
    }

    @Override
    public List<FileEntry> list(String name, String directory) {
        if (node(name, directory).type() != FileType.DIRECTORY) {
            throw new LxdRefusedException(true, 400, "list", directory + " is not a directory");
        }
        String prefix = directory.equals("/") ? "/" : directory + "/";
        return tree.keySet().stream()
                .filter(p -> p.startsWith(prefix) && p.length() > prefix.length()
                        && p.indexOf('/', prefix.length()) < 0)
                .map(p -> stat(name, p)).toList();
    }

    @Override
    public FileDownload read(String name, String path) {
        Node node = node(name, path);
        if (node.type() == FileType.DIRECTORY) {
            throw new LxdRefusedException(true, 400, "read", path + " is a directory");
        }
        return new FileDownload(stat(name, path), new ByteArrayInputStream(node.bytes()));
    }

    @Override
    public void write(String name, String path, InputStream content, FileAttributes attributes) {
        node(name, "/");
        requireParent(name, path);
        writes++;
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        int mode = attributes.mode() == null ? 0644 : attributes.mode();
        try {
            content.transferTo(received);
        } catch (IOException e) {
            tree.put(path, new Node(FileType.FILE, received.toByteArray(), mode)); // what LXD got so far stays
            throw new UncheckedIOException(e);
        }
        tree.put(path, new Node(FileType.FILE, received.toByteArray(), mode));
    }

    @Override
    public void write(String name, String path, Path source, FileAttributes attributes) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void mkdir(String name, String path, FileAttributes attributes) {
        node(name, "/");
        requireParent(name, path);
        tree.put(path, new Node(FileType.DIRECTORY, null, attributes.mode() == null ? 0755 : attributes.mode()));
    }

    @Override
    public void delete(String name, String path) {
        Node node = node(name, path);
        if (node.type() == FileType.DIRECTORY && !list(name, path).isEmpty()) {
            throw new LxdRefusedException(false, 500, "delete " + path,
                    "sftp: \"remove " + path + ": directory not empty\" (SSH_FX_FAILURE)");
        }
        tree.remove(path);
    }
}
