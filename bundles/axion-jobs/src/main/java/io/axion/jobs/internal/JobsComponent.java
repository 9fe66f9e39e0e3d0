package io.axion.jobs.internal;

import io.axion.api.AxionConstants;
import io.axion.api.cluster.ClusterService;
import io.axion.api.event.EventBus;
import io.axion.api.event.EventChannels;
import io.axion.api.host.HostAgent;
import io.axion.api.job.Job;
import io.axion.api.job.JobCount;
import io.axion.api.job.JobFilter;
import io.axion.api.job.JobHandler;
import io.axion.api.job.JobOptions;
import io.axion.api.job.JobService;
import io.axion.api.lxd.LxdHost;
import io.axion.api.store.Store;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The job engine as an OSGi service. Handlers are a whiteboard: every {@link JobHandler} service with the property
 * {@value JobHandler#TYPE_PROPERTY} is bound (dynamically, before and after activation), and jobs of its type(s)
 * that were waiting for it run once it arrives.
 */
@Component(service = {JobService.class, HostAgent.class}, configurationPid = AxionConstants.PID_JOBS,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = JobsConfig.class)
public class JobsComponent implements JobService, HostAgent {
    private final HandlerBindings bindings = new HandlerBindings();

    @Reference
    private Store store;

    @Reference
    private ClusterService cluster;

    private volatile EventBus eventBus;
    private volatile EventBus.Subscription announcements;
    private volatile JobEngine engine;

    @Activate
    void activate(JobsConfig config) {
        JobEngine started = new JobEngine(store, cluster, () -> eventBus, EngineSettings.from(config));
        bindings.attach(started);
        started.start();
        engine = started;
        listen(eventBus);
    }

    @Deactivate
    void deactivate() {
        stopListening();
        JobEngine stopping = engine;
        engine = null;
        if (stopping != null) {
            stopping.stop();
        }
        bindings.detach();
    }

    /** Other nodes' jobs reach this engine through the {@code jobs} channel (and its sweeps of the store). */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindEventBus(EventBus bus) {
        eventBus = bus;
        listen(bus);
    }

    void unbindEventBus(EventBus bus) {
        if (eventBus == bus) {
            stopListening();
            eventBus = null;
        }
    }

    private synchronized void listen(EventBus bus) {
        JobEngine current = engine;
        if (bus == null || current == null || announcements != null) {
            return;
        }
        announcements = bus.subscribe(Set.of(EventChannels.JOBS), event -> {
            JobEngine now = engine;
            if (now != null) {
                now.jobChanged(event.data());
            }
        });
    }

    private synchronized void stopListening() {
        if (announcements != null) {
            announcements.close();
            announcements = null;
        }
    }

    @Override
    public AutoCloseable hostAcquired(String host, LxdHost lxd) {
        JobEngine current = engine();
        current.hostAcquired(host);
        return () -> current.hostReleased(host);
    }

    @Reference(service = JobHandler.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void bindHandler(JobHandler handler, Map<String, Object> properties) {
        bindings.bind(handler, HandlerRegistry.typesOf(properties.get(JobHandler.TYPE_PROPERTY)));
    }

    void unbindHandler(JobHandler handler, Map<String, Object> properties) {
        bindings.unbind(handler, HandlerRegistry.typesOf(properties.get(JobHandler.TYPE_PROPERTY)));
    }

    @Override
    public Job enqueue(String type, String instance, Object payload, JobOptions options) {
        return engine().enqueue(type, instance, payload, options);
    }

    @Override
    public Optional<Job> find(String id) {
        return engine().find(id);
    }

    @Override
    public List<Job> list(JobFilter filter) {
        return engine().list(filter);
    }

    @Override
    public List<JobCount> counts() {
        return engine().counts();
    }

    @Override
    public CompletionStage<Job> whenFinished(String id) {
        return engine().whenFinished(id);
    }

    private JobEngine engine() {
        JobEngine current = engine;
        if (current == null) {
            throw new IllegalStateException("The job engine is not active");
        }
        return current;
    }
}
