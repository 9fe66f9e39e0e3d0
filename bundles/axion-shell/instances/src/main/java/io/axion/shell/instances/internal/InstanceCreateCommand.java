package io.axion.shell.instances.internal;

import io.axion.api.instance.CreateInstance;
import io.axion.api.instance.InstanceService;
import io.axion.shell.JobAction;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.CommandException;

@Service
@Command(scope = "axion", name = "instance-create",
        description = "Create an instance and start it (a job; checked against the quota)")
public class InstanceCreateCommand extends JobAction {

    @Reference
    InstanceService instances;

    @Argument(index = 0, name = "name", description = "a-z, 0-9 and '-', starting with a letter", required = true)
    String name;

    @Option(name = "--image", aliases = "-i", description = "LXD image alias or fingerprint")
    String image;

    @Option(name = "--cpu", aliases = "-c", description = "CPU limit in whole cores")
    Integer cpu;

    @Option(name = "--memory", aliases = "-m", description = "Memory limit in MiB")
    Integer memoryMiB;

    @Option(name = "--disk", aliases = "-d", description = "Root disk size in GiB (default: the storage pool's)")
    Integer diskGiB;

    @Option(name = "--cloud-init", description = "A file of cloud-config user-data for the instance")
    String cloudInitFile;

    @Option(name = "--no-start", description = "Create it stopped")
    boolean noStart;

    @Override
    protected void run(PrintStream out) throws Exception {
        CreateInstance request = new CreateInstance(name, image, cpu, memoryMiB, diskGiB, cloudInit(), !noStart);
        report(out, instances.create(request));
    }

    private String cloudInit() throws CommandException {
        if (cloudInitFile == null) {
            return null;
        }
        try {
            return Files.readString(Path.of(cloudInitFile));
        } catch (IOException | RuntimeException e) {
            throw new CommandException("Cannot read the cloud-init file " + cloudInitFile + ": " + e);
        }
    }

    @Override
    protected String audited() {
        return name + " image=" + image + " cpu=" + cpu + " memoryMiB=" + memoryMiB
                + (noStart ? " --no-start" : "");
    }
}
