package io.axion.api.lxd;

/** A finished command: its exit code and its captured output (UTF-8, possibly truncated to a configured cap). */
public record ExecResult(int exitCode, String stdout, String stderr) {
}
