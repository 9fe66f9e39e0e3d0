package io.axion.bench.telemetry;

import io.axion.testing.RawWebSocket;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.ObjLongConsumer;

/**
 * A minimal WebSocket client: {@link RawWebSocket}'s upgrade, then a thread of its own that reads frames without
 * decoding their text (the lag then measures the server, not the client's UTF-8 decoding) and answers pings, as
 * browsers do.
 */
final class RawFrameClient implements AutoCloseable {
    private final RawWebSocket connection;
    private final Thread reader;

    /** @param onMessage gets each whole text message's bytes and the {@link System#nanoTime()} it was complete */
    RawFrameClient(int port, String path, ObjLongConsumer<byte[]> onMessage) throws IOException {
        connection = new RawWebSocket(port, path, null);
        Socket socket = connection.socket();
        socket.setTcpNoDelay(true);
        OutputStream out = socket.getOutputStream();
        DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), 64 * 1024));
        reader = new Thread(() -> readLoop(in, out, onMessage), "bench-client");
        reader.setDaemon(true);
        reader.start();
    }

    private void readLoop(DataInputStream in, OutputStream out, ObjLongConsumer<byte[]> onMessage) {
        byte[] message = new byte[0];
        int messageLength = 0;
        try {
            while (true) {
                int first = in.readUnsignedByte();
                int opcode = first & 0x0f;
                boolean fin = (first & 0x80) != 0;
                long length = in.readUnsignedByte() & 0x7f;
                if (length == 126) {
                    length = in.readUnsignedShort();
                } else if (length == 127) {
                    length = in.readLong();
                }
                byte[] payload = new byte[(int) length];
                in.readFully(payload);
                if (opcode == 0x9) {
                    send(out, 0xA, payload);
                } else if (opcode == 0x8) {
                    return;
                } else if (opcode == 0x1 || opcode == 0x0) {
                    if (messageLength + payload.length > message.length) {
                        message = java.util.Arrays.copyOf(message, Math.max(message.length * 2, messageLength + payload.length));
                    }
                    System.arraycopy(payload, 0, message, messageLength, payload.length);
                    messageLength += payload.length;
                    if (fin) {
                        onMessage.accept(java.util.Arrays.copyOf(message, messageLength), System.nanoTime());
                        messageLength = 0;
                    }
                }
            }
        } catch (IOException e) {
            // closed
        }
    }

    /** Clients mask what they send. */
    private static synchronized void send(OutputStream out, int opcode, byte[] payload) throws IOException {
        byte[] mask = new byte[4];
        ThreadLocalRandom.current().nextBytes(mask);
        byte[] frame = new byte[2 + 4 + payload.length];
        frame[0] = (byte) (0x80 | opcode);
        frame[1] = (byte) (0x80 | payload.length); // control frames carry at most 125 bytes
        System.arraycopy(mask, 0, frame, 2, 4);
        for (int i = 0; i < payload.length; i++) {
            frame[6 + i] = (byte) (payload[i] ^ mask[i % 4]);
        }
        out.write(frame);
        out.flush();
    }

    @Override
    public void close() throws IOException {
        connection.close();
    }
}
