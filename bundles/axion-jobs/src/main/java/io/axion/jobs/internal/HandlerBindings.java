package io.axion.jobs.internal;

import io.axion.api.job.JobHandler;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Handler services as DS binds them: some arrive before the engine exists (DS binds before it activates), some
 * while it runs. Remembers them all and forwards them to the engine of the moment.
 */
final class HandlerBindings {
    private static final Logger LOG = LoggerFactory.getLogger(HandlerBindings.class);

    private record Binding(JobHandler handler, List<String> types) {
    }

    private final List<Binding> bindings = new ArrayList<>();
    private JobEngine engine;

    synchronized void bind(JobHandler handler, List<String> types) {
        if (types.isEmpty()) {
            LOG.warn("Job handler {} has no {} service property: ignored", handler.getClass().getName(),
                    JobHandler.TYPE_PROPERTY);
            return;
        }
        bindings.add(new Binding(handler, types));
        if (engine != null) {
            types.forEach(type -> engine.addHandler(type, handler));
        }
        LOG.info("Job handler {} for {}", handler.getClass().getName(), types);
    }

    synchronized void unbind(JobHandler handler, List<String> types) {
        bindings.removeIf(b -> b.handler() == handler);
        if (engine != null) {
            types.forEach(type -> engine.removeHandler(type, handler));
        }
    }

    synchronized void attach(JobEngine target) {
        engine = target;
        for (Binding binding : bindings) {
            binding.types().forEach(type -> target.addHandler(type, binding.handler()));
        }
    }

    synchronized void detach() {
        engine = null;
    }
}
