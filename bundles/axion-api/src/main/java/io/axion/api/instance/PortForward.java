package io.axion.api.instance;

/** A port forward as listed with its instance: {@code protocol} is {@code tcp} or {@code udp}. */
public record PortForward(int hostPort, int containerPort, String protocol) {
}
