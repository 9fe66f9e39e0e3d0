package io.axion.web.internal;

import java.io.IOException;
import java.net.URL;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The web context's class loader: this bundle's, falling back to Jersey's. Jersey finds its runtime through the
 * thread's context class loader and {@code META-INF/services}, which this bundle's own loader cannot see.
 */
final class BundleDelegatingClassLoader extends ClassLoader {
    private final ClassLoader fallback;

    BundleDelegatingClassLoader(ClassLoader primary, ClassLoader fallback) {
        super(primary);
        this.fallback = fallback;
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        return fallback.loadClass(name);
    }

    @Override
    protected URL findResource(String name) {
        return fallback.getResource(name);
    }

    @Override
    protected Enumeration<URL> findResources(String name) throws IOException {
        Set<URL> urls = new LinkedHashSet<>(Collections.list(fallback.getResources(name)));
        return Collections.enumeration(urls);
    }
}
