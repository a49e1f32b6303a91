package io.twinkit.emulator.testing;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;

/** Raw sockets to a front end and the wait for the server to close one; for the emulator's tests and the reliability module. */
public final class ServerClose {

    private ServerClose() {
    }

    /** Opens a plain TCP connection to {@code port} on the loopback address, with reads that time out after 200 ms. */
    public static Socket plainSocket(int port) throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout(200);
        return socket;
    }

    /**
     * Returns whether the server ends the stream (or resets it) within {@code timeout}, reading and dropping whatever
     * it sends before; {@code in} must have a read timeout shorter than {@code timeout}.
     */
    public static boolean closedWithin(InputStream in, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        byte[] buffer = new byte[8192];
        while (System.nanoTime() - deadline < 0) {
            try {
                if (in.read(buffer) < 0) {
                    return true;
                }
            } catch (SocketTimeoutException e) {
                // keep waiting until the deadline
            } catch (IOException e) {
                return true;
            }
        }
        return false;
    }

    /** As {@link #closedWithin(InputStream, Duration)}, for a socket. */
    public static boolean closedWithin(Socket socket, Duration timeout) throws IOException {
        return closedWithin(socket.getInputStream(), timeout);
    }
}
