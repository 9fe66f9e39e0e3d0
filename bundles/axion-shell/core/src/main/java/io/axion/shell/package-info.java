/**
 * What Axion's Karaf commands share: the {@code --json} switch, JSON and table output, problems shown as command
 * errors, the audit of commands that change something, commands that start jobs ({@code --wait}) and name
 * completers. Used by the {@code axion-shell-*} bundles.
 */
@Version("1.1.0")
package io.axion.shell;

import org.osgi.annotation.versioning.Version;
