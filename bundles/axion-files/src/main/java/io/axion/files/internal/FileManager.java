package io.axion.files.internal;

import io.axion.api.AxionConstants;
import io.axion.api.error.ConflictException;
import io.axion.api.error.NotFoundException;
import io.axion.api.error.ValidationException;
import io.axion.api.files.DirectoryListing;
import io.axion.api.files.FileItem;
import io.axion.api.files.FilePaths;
import io.axion.api.files.FileService;
import io.axion.api.files.FileTooLargeException;
import io.axion.api.lxd.FileAttributes;
import io.axion.api.lxd.FileDownload;
import io.axion.api.lxd.FileEntry;
import io.axion.api.lxd.FileType;
import io.axion.api.lxd.LxdFiles;
import io.axion.api.host.HostService;
import io.axion.api.host.InstanceRouter;
import io.axion.api.instance.Instance;
import io.axion.api.instance.InstanceService;
import io.axion.api.lxd.LxdInstances;
import io.axion.api.lxd.LxdNotFoundException;
import io.axion.api.lxd.LxdRefusedException;
import io.axion.api.snapshot.SnapshotNames;
import java.io.InputStream;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Files inside instances over the LXD driver. LXD answers the same 404 for a missing instance and a missing path,
 * so a 404 is followed by one look at the instance to say which it was; the happy path costs no extra call.
 */
@Component(service = FileService.class, configurationPid = AxionConstants.PID_FILES)
@Designate(ocd = FilesConfig.class)
public class FileManager implements FileService {
    private static final Logger LOG = LoggerFactory.getLogger(FileManager.class);

    private final LxdInstances instances;
    private final LxdFiles files;
    private volatile long maxUploadBytes;

    @Activate
    public FileManager(@Reference HostService hosts, @Reference InstanceService view, FilesConfig config) {
        this(new InstanceRouter(hosts, name -> view.find(name).map(Instance::host)), config.maxUploadBytes());
    }

    /** Files stream to and from the instance's host directly, whichever node the request reached. */
    private FileManager(InstanceRouter router, long maxUploadBytes) {
        this(router.instances(), router.files(), maxUploadBytes);
    }

    FileManager(LxdInstances instances, LxdFiles files, long maxUploadBytes) {
        this.instances = instances;
        this.files = files;
        this.maxUploadBytes = maxUploadBytes;
    }

    @Modified
    void modified(FilesConfig config) {
        maxUploadBytes = config.maxUploadBytes();
    }

    @Override
    public long maxUploadBytes() {
        return maxUploadBytes;
    }

    @Override
    public FileEntry stat(String instance, String path) {
        check(instance, path);
        return onInstance(instance, () -> files.stat(instance, path));
    }

    @Override
    public DirectoryListing list(String instance, String directory) {
        check(instance, directory);
        return DirectoryListing.of(onInstance(instance, () -> files.list(instance, directory)).stream()
                .map(FileItem::of).toList());
    }

    @Override
    public FileDownload read(String instance, String path) {
        check(instance, path);
        return onInstance(instance, () -> files.read(instance, path));
    }

    @Override
    public void write(String instance, String path, InputStream content, long declaredLength,
                      FileAttributes attributes) {
        check(instance, path);
        long max = maxUploadBytes;
        if (declaredLength > max) {
            throw new FileTooLargeException(max);
        }
        Optional<FileEntry> existing = find(instance, path);
        if (existing.isPresent() && existing.get().type() == FileType.DIRECTORY) {
            throw new ConflictException("is-a-directory", path + " is a directory");
        }
        CappedInputStream capped = new CappedInputStream(content, max);
        try {
            files.write(instance, path, capped, attributes);
        } catch (RuntimeException e) {
            if (capped.exceeded()) {
                // LXD wrote what it got; a truncated file would pass for the real one.
                deleteQuietly(instance, path);
                throw new FileTooLargeException(max);
            }
            throw missingParent(instance, path, e);
        }
        if (capped.exceeded()) {
            deleteQuietly(instance, path);
            throw new FileTooLargeException(max);
        }
    }

    @Override
    public void mkdir(String instance, String path, FileAttributes attributes) {
        check(instance, path);
        Optional<FileEntry> existing = find(instance, path);
        if (existing.isPresent()) {
            if (existing.get().type() == FileType.DIRECTORY) {
                return; // PUT is idempotent
            }
            throw new ConflictException("already-exists", path + " exists and is a "
                    + existing.get().type().name().toLowerCase(Locale.ROOT));
        }
        try {
            files.mkdir(instance, path, attributes);
        } catch (RuntimeException e) {
            throw missingParent(instance, path, e);
        }
    }

    @Override
    public void delete(String instance, String path) {
        check(instance, path);
        if (FilePaths.isRoot(path)) {
            throw new ValidationException("path", "the root directory cannot be deleted");
        }
        FileEntry entry = stat(instance, path);
        try {
            files.delete(instance, path);
        } catch (LxdNotFoundException e) {
            // Gone meanwhile: what the caller wanted.
        } catch (LxdRefusedException e) {
            if (entry.type() == FileType.DIRECTORY && e.lxdMessage() != null
                    && e.lxdMessage().toLowerCase(Locale.ROOT).contains("not empty")) {
                throw new ConflictException("directory-not-empty", path + " is a directory that is not empty");
            }
            throw e;
        }
    }

    private static void check(String instance, String path) {
        SnapshotNames.requireValid("name", instance);
        FilePaths.requireValid(path);
    }

    /** Runs a driver call; its 404 becomes the instance's when the instance is the one missing. */
    private <T> T onInstance(String instance, Supplier<T> call) {
        try {
            return call.get();
        } catch (LxdNotFoundException e) {
            requireInstance(instance);
            throw e;
        }
    }

    private Optional<FileEntry> find(String instance, String path) {
        try {
            return Optional.of(files.stat(instance, path));
        } catch (LxdNotFoundException e) {
            requireInstance(instance);
            return Optional.empty();
        }
    }

    private void requireInstance(String instance) {
        if (instances.find(instance).isEmpty()) {
            throw new NotFoundException("Instance", instance);
        }
    }

    /** LXD's 404 on a write means the parent directory is missing (the instance was there a moment ago). */
    private RuntimeException missingParent(String instance, String path, RuntimeException failure) {
        if (failure instanceof LxdNotFoundException) {
            requireInstance(instance);
            return new NotFoundException("Directory", instance + ":" + FilePaths.parent(path));
        }
        return failure;
    }

    private void deleteQuietly(String instance, String path) {
        try {
            files.delete(instance, path);
        } catch (RuntimeException e) {
            LOG.warn("Could not remove the truncated upload {} of {}: {}", path, instance, e.getMessage());
        }
    }
}
