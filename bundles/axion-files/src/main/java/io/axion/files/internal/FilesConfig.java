package io.axion.files.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** File transfer settings (PID {@code io.axion.files}); {@code etc/io.axion.files.cfg} layers AXION_* on top. */
@ObjectClassDefinition(name = "Axion files", description = "Files inside instances")
public @interface FilesConfig {

    @AttributeDefinition(description = "Largest file an upload may write, in bytes (larger ones are refused with 413)")
    long maxUploadBytes() default 1L << 30;
}
