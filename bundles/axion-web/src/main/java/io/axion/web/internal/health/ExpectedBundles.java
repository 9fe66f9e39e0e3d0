package io.axion.web.internal.health;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.SynchronousBundleListener;
import org.osgi.framework.startlevel.BundleStartLevel;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * The bundles that are installed and meant to run: those set to start (Karaf's features start their bundles
 * persistently, also above the current start level), those not resolved, and those installed but not started yet. The second kind
 * matters while a feature installs: its bundles exist a moment before Karaf starts them, and readiness must already
 * count their routes as missing then. A bundle stopped on purpose (or uninstalled) is not expected any more.
 * Karaf's refresh stops bundles only transiently, so they stay expected through it.
 */
@Component(service = ExpectedBundles.class, immediate = true)
public class ExpectedBundles implements SynchronousBundleListener {
    private final Set<Long> installedNotStarted = ConcurrentHashMap.newKeySet();
    private BundleContext context;

    @Activate
    void activate(BundleContext context) {
        this.context = context;
        // Synchronous, so an installation is known before whoever installed the bundle can go on.
        context.addBundleListener(this);
    }

    @Deactivate
    void deactivate() {
        context.removeBundleListener(this);
    }

    @Override
    public void bundleChanged(BundleEvent event) {
        long id = event.getBundle().getBundleId();
        switch (event.getType()) {
            case BundleEvent.INSTALLED -> installedNotStarted.add(id);
            case BundleEvent.STARTED, BundleEvent.UNINSTALLED -> installedNotStarted.remove(id);
            default -> {
            }
        }
    }

    /** The expected bundles whose manifest carries {@code header}. */
    public List<Bundle> declaring(String header) {
        return Arrays.stream(context.getBundles())
                .filter(b -> b.getHeaders().get(header) != null)
                .filter(this::expected)
                .toList();
    }

    boolean expected(Bundle bundle) {
        int state = bundle.getState();
        if (state == Bundle.UNINSTALLED) {
            return false;
        }
        // INSTALLED (not resolved) also covers a bundle the framework lists before its INSTALLED event reached us.
        if (state == Bundle.INSTALLED || installedNotStarted.contains(bundle.getBundleId())) {
            return true;
        }
        BundleStartLevel startLevel = bundle.adapt(BundleStartLevel.class);
        return startLevel != null && startLevel.isPersistentlyStarted();
    }

    /** The comma-separated values of a manifest header, trimmed, empty ones dropped. */
    public static List<String> values(Bundle bundle, String header) {
        String value = bundle.getHeaders().get(header);
        if (value == null) {
            return List.of();
        }
        return Arrays.stream(value.split(",")).map(String::trim).filter(v -> !v.isEmpty()).toList();
    }
}
