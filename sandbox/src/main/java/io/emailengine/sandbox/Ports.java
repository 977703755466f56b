package io.emailengine.sandbox;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Port checks, so that a clash is reported in one clear line instead of a stack trace from deep inside a server. */
final class Ports {

    private Ports() {
    }

    static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static void requireFree(int port, String what) {
        if (!isFree(port)) {
            throw new IllegalStateException("Port " + port + " for " + what + " is already in use: stop what uses it "
                    + "(a previous sandbox still running?) or choose another port");
        }
    }

    /** A port that was free a moment ago (for tests). */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
