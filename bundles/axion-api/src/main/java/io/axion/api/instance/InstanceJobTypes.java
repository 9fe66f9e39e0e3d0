package io.axion.api.instance;

import java.util.List;

/** The job types of the instances bundle (the {@code type} of jobs in {@code /api/v1/jobs}). */
public final class InstanceJobTypes {
    public static final String CREATE = "instance.create";
    public static final String START = "instance.start";
    public static final String STOP = "instance.stop";
    public static final String RESTART = "instance.restart";
    public static final String DELETE = "instance.delete";
    public static final String RESIZE = "instance.resize";
    public static final String MIGRATE = "instance.migrate";

    public static final List<String> ALL = List.of(CREATE, START, STOP, RESTART, DELETE, RESIZE, MIGRATE);

    private InstanceJobTypes() {
    }
}
