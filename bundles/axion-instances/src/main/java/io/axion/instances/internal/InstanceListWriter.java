package io.axion.instances.internal;

import io.axion.api.web.RestProvider;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import org.osgi.service.component.annotations.Component;

/** Writes {@link SerializedInstances} as the JSON they carry; Jersey prefers it to Jackson for that exact type. */
@Component(service = RestProvider.class)
@Produces(MediaType.APPLICATION_JSON)
public class InstanceListWriter implements RestProvider, MessageBodyWriter<SerializedInstances> {

    @Override
    public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return SerializedInstances.class.isAssignableFrom(type);
    }

    @Override
    public long getSize(SerializedInstances list, Class<?> type, Type genericType, Annotation[] annotations,
                        MediaType mediaType) {
        return list.json().length;
    }

    @Override
    public void writeTo(SerializedInstances list, Class<?> type, Type genericType, Annotation[] annotations,
                        MediaType mediaType, MultivaluedMap<String, Object> headers, OutputStream body)
            throws IOException {
        body.write(list.json());
    }
}
