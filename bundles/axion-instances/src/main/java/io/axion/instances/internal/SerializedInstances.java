package io.axion.instances.internal;

import io.axion.api.instance.Instance;
import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;

/**
 * The instance list together with its JSON, written once for as long as the list stays the same: at a thousand
 * instances, writing 265 KB of JSON for every {@code GET /api/v1/instances} was most of the request's time and
 * most of what the collector had to clear. {@link InstanceListWriter} sends the bytes; everything else sees a list.
 */
final class SerializedInstances extends AbstractList<Instance> implements RandomAccess {
    private final List<Instance> instances;
    private final byte[] json;

    SerializedInstances(List<Instance> instances, byte[] json) {
        this.instances = List.copyOf(instances);
        this.json = json;
    }

    @Override
    public Instance get(int index) {
        return instances.get(index);
    }

    @Override
    public int size() {
        return instances.size();
    }

    /** The JSON array, as the web bundle's JSON provider would write it; not to be modified. */
    byte[] json() {
        return json;
    }
}
