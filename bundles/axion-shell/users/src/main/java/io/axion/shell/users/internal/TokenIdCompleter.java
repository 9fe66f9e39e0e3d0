package io.axion.shell.users.internal;

import io.axion.api.auth.ApiToken;
import io.axion.api.auth.ApiTokenService;
import io.axion.shell.NamesCompleter;
import java.util.Collection;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;

@Service
public class TokenIdCompleter extends NamesCompleter {

    @Reference
    ApiTokenService tokens;

    @Override
    protected Collection<String> names(CommandLine commandLine) {
        return tokens.list(null).stream().map(ApiToken::id).toList();
    }
}
