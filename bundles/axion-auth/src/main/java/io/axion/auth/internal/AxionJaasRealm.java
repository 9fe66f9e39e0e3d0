package io.axion.auth.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import javax.security.auth.login.AppConfigurationEntry;
import javax.security.auth.login.AppConfigurationEntry.LoginModuleControlFlag;
import org.apache.karaf.jaas.boot.ProxyLoginModule;
import org.apache.karaf.jaas.config.JaasRealm;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * Replaces Karaf's {@code karaf} JAAS realm (its users.properties, with karaf/karaf) by Axion's accounts, so the
 * SSH shell and the local console log in with Axion's users. It outranks Karaf's realm (rank 0). The realm stays
 * registered, refusing every login, while the account service is down: falling back to users.properties then
 * would reopen karaf/karaf.
 */
@Component(service = JaasRealm.class)
public class AxionJaasRealm implements JaasRealm {
    static final String REALM = "karaf";
    static final int RANK = 100;
    /** The option through which the login module, made by JAAS with no arguments, finds this realm. */
    static final String OPTION_REALM = "io.axion.auth.realm";

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile AuthService auth;

    private BundleContext context;

    public AxionJaasRealm() {
    }

    /** For tests. */
    AxionJaasRealm(AuthService auth) {
        this.auth = auth;
    }

    @Activate
    void activate(BundleContext bundleContext) {
        this.context = bundleContext;
    }

    @Override
    public String getName() {
        return REALM;
    }

    @Override
    public int getRank() {
        return RANK;
    }

    @Override
    public AppConfigurationEntry[] getEntries() {
        Map<String, Object> options = new HashMap<>();
        options.put(OPTION_REALM, this);
        if (context != null) {
            options.put(BundleContext.class.getName(), context);
            options.put(ProxyLoginModule.PROPERTY_MODULE, AxionLoginModule.class.getName());
            options.put(ProxyLoginModule.PROPERTY_BUNDLE, Long.toString(context.getBundle().getBundleId()));
        }
        return new AppConfigurationEntry[] {
            new AppConfigurationEntry(ProxyLoginModule.class.getName(), LoginModuleControlFlag.REQUIRED, options)
        };
    }

    Optional<AuthService> accounts() {
        return Optional.ofNullable(auth);
    }
}
