package io.axion.shell.users.internal;

import io.axion.api.tenant.Tenant;
import io.axion.api.tenant.TenantService;
import io.axion.shell.NamesCompleter;
import java.util.Collection;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;

@Service
public class TenantNameCompleter extends NamesCompleter {

    @Reference
    TenantService tenants;

    @Override
    protected Collection<String> names(CommandLine commandLine) {
        return tenants.list().stream().map(Tenant::name).toList();
    }
}
