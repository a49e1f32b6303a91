package io.twinkit.emulator.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Claims a loopback address of the emulator's own ({@link EmulatorConfig#ownLoopbackAddress()}): tries the candidate
 * addresses in turn and starts the emulator on the first one where every configured port can be bound. A cheap probe
 * (binding and releasing plain sockets) skips addresses that are not local or whose ports are taken, so a hub is only
 * opened where the start will most likely succeed; the start's own bind is the claim, and an address another process
 * claimed between the probe and the bind is skipped like a taken one.
 */
final class LoopbackClaim {

    /** Starts the emulator with every listener bound to one address. */
    interface Starter {

        /**
         * Starts the emulator on {@code address}.
         *
         * @throws UncheckedIOException caused by a {@link BindException} if a port is taken there
         */
        TwinkitEmulator start(InetAddress address);
    }

    private LoopbackClaim() {
    }

    /** Returns {@value EmulatorConfig#OWN_LOOPBACK_FIRST} to {@value EmulatorConfig#OWN_LOOPBACK_LAST}, in order. */
    static List<InetAddress> candidates() {
        List<InetAddress> addresses = new ArrayList<>();
        for (int last = 2; last <= 254; last++) {
            addresses.add(address(127, 0, 0, last));
        }
        return addresses;
    }

    /** Returns whether {@value EmulatorConfig#OWN_LOOPBACK_FIRST} is an address of this machine that can be bound. */
    static boolean supported() {
        return probe(address(127, 0, 0, 2), 0) == null;
    }

    /**
     * Starts the emulator on the first of {@code candidates} where the ports of {@code config} can be bound.
     *
     * @throws OwnLoopbackUnavailableException if there is none
     */
    static TwinkitEmulator start(EmulatorConfig config, List<InetAddress> candidates, Starter starter) {
        Set<Integer> fixedPorts = new LinkedHashSet<>();
        fixedPorts.add(config.mqttPort());
        fixedPorts.add(config.httpsPort());
        if (config.separateMqttWsPort()) {
            fixedPorts.add(config.mqttWsPort());
        }
        fixedPorts.remove(0);
        int notLocal = 0;
        int taken = 0;
        Set<Integer> takenPorts = new LinkedHashSet<>();
        IOException last = null;
        for (InetAddress candidate : candidates) {
            IOException refused = probe(candidate, 0);
            if (refused != null) {
                notLocal++;
                last = refused;
                continue;
            }
            refused = null;
            for (int port : fixedPorts) {
                refused = probe(candidate, port);
                if (refused != null) {
                    takenPorts.add(port);
                    break;
                }
            }
            if (refused != null) {
                taken++;
                last = refused;
                continue;
            }
            try {
                return starter.start(candidate);
            } catch (UncheckedIOException e) {
                if (!(e.getCause() instanceof BindException bind)) {
                    throw e;
                }
                // another process claimed the address between the probe and the bind
                taken++;
                last = bind;
            }
        }
        throw new OwnLoopbackUnavailableException(message(candidates, notLocal, taken, takenPorts, last),
                last == null ? new IOException("no candidate address") : last);
    }

    private static String message(List<InetAddress> candidates, int notLocal, int taken, Set<Integer> takenPorts,
                                  @Nullable IOException last) {
        StringBuilder message = new StringBuilder("no loopback address of its own could be claimed for the emulator: ");
        if (candidates.isEmpty()) {
            return message.append("there was no address to try").toString();
        }
        message.append("tried ").append(candidates.size())
                .append(candidates.size() == 1 ? " address, " : " addresses, ")
                .append(candidates.get(0).getHostAddress());
        if (candidates.size() > 1) {
            message.append(" to ").append(candidates.get(candidates.size() - 1).getHostAddress());
        }
        message.append(';');
        if (notLocal > 0) {
            message.append(' ').append(notLocal).append(notLocal == 1 ? " is" : " are")
                    .append(" not an address of this machine (macOS has only 127.0.0.1 on its loopback interface:"
                            + " add addresses once per boot with 'sudo ifconfig lo0 alias 127.0.0.2 up', one per"
                            + " emulator; Linux needs nothing)");
        }
        if (taken > 0) {
            message.append(notLocal > 0 ? " and " : " ").append(taken).append(taken == 1 ? " has" : " have")
                    .append(" a configured port in use").append(takenPorts.isEmpty() ? "" : " " + takenPorts)
                    .append(" (a process listening on 0.0.0.0 or :: with that port takes it on every address; stop"
                            + " it, or free the ports)");
        }
        if (last != null) {
            message.append("; last failure: ").append(last.getMessage());
        }
        return message.append(". Without an own loopback address, start on 127.0.0.1 and connect devices over MQTT"
                + " over WebSocket, whose port is free to choose").toString();
    }

    /** Binds and releases {@code address:port}; returns why it cannot be bound, or {@code null}. */
    private static @Nullable IOException probe(InetAddress address, int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(address, port));
            return null;
        } catch (IOException e) {
            return new BindException("cannot bind " + address.getHostAddress() + ":" + port + ": " + e.getMessage());
        }
    }

    private static InetAddress address(int a, int b, int c, int d) {
        try {
            return InetAddress.getByAddress(new byte[] {(byte) a, (byte) b, (byte) c, (byte) d});
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are an IPv4 address", e);
        }
    }
}
