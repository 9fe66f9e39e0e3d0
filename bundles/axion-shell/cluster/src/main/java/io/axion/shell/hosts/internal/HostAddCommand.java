package io.axion.shell.hosts.internal;

import io.axion.api.host.Host;
import io.axion.api.host.HostAdminService;
import io.axion.api.host.HostSpec;
import io.axion.shell.AxionAction;
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
@Command(scope = "axion", name = "host-add",
        description = "Add an LXD host (a remote --url or a local --socket); a live node takes it over")
public class HostAddCommand extends AxionAction {

    @Reference
    HostAdminService admin;

    @Argument(index = 0, name = "name", description = "a-z, 0-9 and '-', starting with a letter", required = true)
    String name;

    @Option(name = "--url", aliases = "-u", description = "https://host:8443 of a remote LXD")
    String url;

    @Option(name = "--socket", aliases = "-s", description = "The unix socket of a local LXD (when no --url)")
    String socket;

    @Option(name = "--project", aliases = "-p",
            description = "The LXD project Axion works in (required; created if missing)")
    String project;

    @Option(name = "--certificate-file", description = "PEM client certificate for the remote LXD "
            + "(default: the node's own)")
    String certificateFile;

    @Option(name = "--key-file", description = "PEM private key of --certificate-file")
    String keyFile;

    @Option(name = "--server-certificate-file", description = "PEM certificate of the remote LXD to trust "
            + "(default: any)")
    String serverCertificateFile;

    @Override
    protected void run(PrintStream out) throws Exception {
        HostSpec spec = new HostSpec(name, url, socket, project, pem("certificate", certificateFile),
                pem("key", keyFile), pem("server certificate", serverCertificateFile));
        Host added = admin.add(spec);
        if (json) {
            printJson(out, added.toJson());
        } else {
            out.println("Host " + added.name() + " added: " + added.endpoint().describe());
        }
    }

    private static String pem(String what, String file) throws CommandException {
        if (file == null) {
            return null;
        }
        try {
            return Files.readString(Path.of(file));
        } catch (IOException | RuntimeException e) {
            throw new CommandException("Cannot read the " + what + " file " + file + ": " + e);
        }
    }

    /** The endpoint and project, never the key (nor which file holds it). */
    @Override
    protected String audited() {
        return name + (url != null ? " url=" + url : " socket=" + socket) + " project=" + project;
    }
}
