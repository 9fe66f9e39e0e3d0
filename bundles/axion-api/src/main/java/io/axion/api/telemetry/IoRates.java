package io.axion.api.telemetry;

/**
 * An instance's disk and network rates over one sampling period, in bytes per second; each null when not known (the
 * first sample, a controller that does not account the group, an instance without a network device).
 *
 * @param diskReadBytesPerSecond  bytes read from block devices (cgroup v1 blkio, v2 io.stat)
 * @param diskWriteBytesPerSecond bytes written to block devices
 * @param netRxBytesPerSecond     bytes received by the instance's network devices (loopback left out)
 * @param netTxBytesPerSecond     bytes sent by them
 */
public record IoRates(Double diskReadBytesPerSecond, Double diskWriteBytesPerSecond, Double netRxBytesPerSecond,
                      Double netTxBytesPerSecond) {
    public static final IoRates NONE = new IoRates(null, null, null, null);
}
