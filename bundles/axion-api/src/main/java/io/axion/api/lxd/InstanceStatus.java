package io.axion.api.lxd;

/** An instance's status as LXD names it ({@code Running}, {@code Stopped}, {@code Frozen}, {@code Error}). */
public enum InstanceStatus {
    RUNNING("Running"),
    STOPPED("Stopped"),
    FROZEN("Frozen"),
    ERROR("Error"),
    /** A transient or unknown status (LXD also reports e.g. {@code Starting} and {@code Stopping}). */
    OTHER("Other");

    private final String label;

    InstanceStatus(String label) {
        this.label = label;
    }

    /** The name shown to users and in the public API ({@code Running}, ...). */
    public String label() {
        return label;
    }

    public static InstanceStatus fromLabel(String label) {
        if (label != null) {
            for (InstanceStatus status : values()) {
                if (status.label.equalsIgnoreCase(label)) {
                    return status;
                }
            }
        }
        return OTHER;
    }
}
