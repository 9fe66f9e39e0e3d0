package io.axion.jobs.internal;

/** How one run of a handler ended, before the engine turns it into the job's next state. */
record Attempt(Kind kind, String message) {

    enum Kind {
        SUCCEEDED,
        TRANSIENT,
        PERMANENT,
        /** The engine stopped under the handler: not the job's fault, it runs again. */
        INTERRUPTED
    }
}
