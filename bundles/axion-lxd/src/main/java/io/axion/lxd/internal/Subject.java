package io.axion.lxd.internal;

/** What a call is about, so that LXD's 404 or "already exists" becomes a precise typed exception. */
record Subject(String kind, String name) {

    static Subject instance(String name) {
        return new Subject("Instance", name);
    }

    static Subject snapshot(String instance, String snapshot) {
        return new Subject("Snapshot", instance + "/" + snapshot);
    }

    static Subject file(String instance, String path) {
        return new Subject("File", instance + ":" + path);
    }

    static Subject image(String image) {
        return new Subject("Image", image);
    }

    static Subject forward(String instance, int hostPort) {
        return new Subject("Forward", instance + ":" + hostPort);
    }

    static Subject project(String project) {
        return new Subject("Project", project);
    }

    static Subject operation(String id) {
        return new Subject("Operation", id);
    }

    static Subject server() {
        return new Subject("LXD", "server");
    }
}
