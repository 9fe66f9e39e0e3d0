package io.axion.cluster.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hazelcast.topic.ITopic;
import io.axion.api.event.AxionEvent;
import io.axion.api.event.EventBus;
import io.axion.api.event.EventListener;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event bus on one Hazelcast topic per channel. Events travel as JSON text so that no Axion class has to be
 * deserialised by Hazelcast, whatever bundle published it.
 */
@Component(service = EventBus.class)
public class TopicEventBus implements EventBus {
    private static final Logger LOG = LoggerFactory.getLogger(TopicEventBus.class);
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, ITopic<String>> topics = new ConcurrentHashMap<>();
    private final Map<String, UUID> topicRegistrations = new ConcurrentHashMap<>();
    private final CopyOnWriteArrayList<ChannelSubscription> subscriptions = new CopyOnWriteArrayList<>();

    @Reference
    private HazelcastClusterService cluster;

    @Activate
    void activate() {
        for (String channel : io.axion.api.event.EventChannels.ALL) {
            topic(channel);
        }
    }

    @Deactivate
    void deactivate() {
        topicRegistrations.forEach((channel, id) -> topics.get(channel).removeMessageListener(id));
        subscriptions.clear();
    }

    @Override
    public void publish(AxionEvent event) {
        Map<String, Object> wire = new LinkedHashMap<>();
        wire.put("channel", event.channel());
        wire.put("type", event.type());
        wire.put("data", event.data());
        wire.put("at", event.at().toString());
        try {
            topic(event.channel()).publish(json.writeValueAsString(wire));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Event data is not JSON-compatible: " + e.getOriginalMessage(), e);
        }
    }

    @Override
    public Subscription subscribe(Set<String> channels, EventListener listener) {
        for (String channel : channels) {
            topic(channel);
        }
        ChannelSubscription subscription = new ChannelSubscription(Set.copyOf(channels), listener);
        subscriptions.add(subscription);
        return subscription;
    }

    private ITopic<String> topic(String channel) {
        return topics.computeIfAbsent(channel, name -> {
            ITopic<String> topic = cluster.hazelcast().getTopic("axion-events-" + name);
            topicRegistrations.put(name, topic.addMessageListener(message -> deliver(message.getMessageObject())));
            return topic;
        });
    }

    private void deliver(String text) {
        AxionEvent event;
        try {
            Map<String, Object> wire = json.readValue(text, MAP);
            @SuppressWarnings("unchecked")
            Map<String, Object> data = (Map<String, Object>) wire.get("data");
            event = new AxionEvent((String) wire.get("channel"), (String) wire.get("type"), data,
                    Instant.parse((String) wire.get("at")));
        } catch (JsonProcessingException e) {
            LOG.warn("Dropped an unreadable event: {}", e.getOriginalMessage());
            return;
        }
        for (ChannelSubscription subscription : subscriptions) {
            if (subscription.wants(event.channel())) {
                try {
                    subscription.listener.onEvent(event);
                } catch (RuntimeException e) {
                    LOG.warn("Event listener failed on {}/{}", event.channel(), event.type(), e);
                }
            }
        }
    }

    private final class ChannelSubscription implements Subscription {
        private final Set<String> channels;
        private final EventListener listener;

        ChannelSubscription(Set<String> channels, EventListener listener) {
            this.channels = channels;
            this.listener = listener;
        }

        boolean wants(String channel) {
            return channels.isEmpty() || channels.contains(channel);
        }

        @Override
        public void close() {
            subscriptions.remove(this);
        }
    }
}
