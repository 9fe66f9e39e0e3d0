package io.axion.firewall.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs {@code nft}: a script on its stdin as one transaction ({@code nft -f -}), or a listing. */
class Nft {
    private static final long TIMEOUT_SECONDS = 20;
    private final String binary;

    Nft(String binary) {
        this.binary = binary;
    }

    /** Applies the whole script atomically: nft loads all of it or none. */
    void run(String script) {
        execute(List.of(binary, "-f", "-"), script);
    }

    /** {@code nft -j list <kind> <family> <name>} (e.g. {@code map bridge axion ingress}); null when it is absent. */
    String listJson(String kind, String family, String table, String name) {
        try {
            return execute(List.of(binary, "-j", "list", kind, family, table, name), null);
        } catch (NftException e) {
            if (e.getMessage().contains("No such file or directory")) {
                return null;
            }
            throw e;
        }
    }

    private String execute(List<String> command, String stdin) {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new NftException("cannot run " + binary + " (install Debian's nftables): " + e.getMessage());
        }
        try {
            try (OutputStream in = process.getOutputStream()) {
                if (stdin != null) {
                    in.write(stdin.getBytes(StandardCharsets.UTF_8));
                }
            }
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            try (InputStream out = process.getInputStream()) {
                out.transferTo(output);
            }
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new NftException(binary + " did not finish in " + TIMEOUT_SECONDS + " s");
            }
            String text = output.toString(StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new NftException(binary + " failed (exit " + process.exitValue() + "): " + text.trim());
            }
            return text;
        } catch (IOException e) {
            throw new NftException(binary + " failed: " + e.getMessage());
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new NftException("interrupted while " + binary + " ran");
        }
    }

    static final class NftException extends RuntimeException {
        NftException(String message) {
            super(message);
        }
    }
}
