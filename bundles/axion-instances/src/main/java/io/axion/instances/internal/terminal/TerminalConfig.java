package io.axion.instances.internal.terminal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The web terminal's settings (PID {@value TerminalRoute#PID}). */
@ObjectClassDefinition(name = "Axion web terminal", description = "/ws/terminal/{name}: a shell in an instance")
public @interface TerminalConfig {

    @AttributeDefinition(description = "Seconds between two pings to each open terminal (an idle but live browser "
            + "keeps its shell; a vanished one is dropped after three unanswered)")
    int pingSeconds() default 30;

    @AttributeDefinition(description = "Output bytes a client may leave unread before it is closed")
    int backlogBytes() default 4 * 1024 * 1024;
}
