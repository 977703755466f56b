package io.emailengine.warmup.dns;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TextParseException;

/**
 * A real, small authoritative DNS server on UDP loopback, answering from a zone map. Speaks the
 * wire protocol through dnsjava's Message classes, so the checker under test goes through its
 * resolver, sockets and parsing exactly as in production.
 */
public final class LoopbackDnsServer implements AutoCloseable {

    private final DatagramSocket socket;
    private final Map<String, List<Record>> zone = new ConcurrentHashMap<>();
    private final Thread thread;

    public LoopbackDnsServer() throws SocketException {
        socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        thread = new Thread(this::serve, "loopback-dns");
        thread.setDaemon(true);
        thread.start();
    }

    public int port() {
        return socket.getLocalPort();
    }

    public String host() {
        return socket.getLocalAddress().getHostAddress();
    }

    /** Adds a record in zone-file syntax, e.g. {@code add("example.com. 300 IN TXT \"v=spf1 -all\"")}. */
    public LoopbackDnsServer add(Record record) {
        zone.computeIfAbsent(key(record.getName(), record.getType()), k -> new ArrayList<>()).add(record);
        return this;
    }

    public void remove(Name name, int type) {
        zone.remove(key(name, type));
    }

    public void clear() {
        zone.clear();
    }

    private void serve() {
        byte[] buffer = new byte[512];
        while (!socket.isClosed()) {
            try {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                socket.receive(packet);
                Message query = new Message(java.util.Arrays.copyOf(packet.getData(), packet.getLength()));
                Message response = answer(query);
                byte[] wire = response.toWire(512);
                socket.send(new DatagramPacket(wire, wire.length, packet.getSocketAddress()));
            } catch (IOException e) {
                if (socket.isClosed()) {
                    return;
                }
            }
        }
    }

    private Message answer(Message query) {
        Message response = new Message(query.getHeader().getID());
        response.getHeader().setFlag(Flags.QR);
        response.getHeader().setFlag(Flags.AA);
        if (query.getHeader().getFlag(Flags.RD)) {
            response.getHeader().setFlag(Flags.RD);
        }
        Record question = query.getQuestion();
        response.addRecord(question, Section.QUESTION);
        List<Record> records = zone.get(key(question.getName(), question.getType()));
        if (records == null || records.isEmpty()) {
            boolean nameExists = zone.keySet().stream().anyMatch(k -> k.startsWith(question.getName().toString().toLowerCase() + "|"));
            response.getHeader().setRcode(nameExists ? Rcode.NOERROR : Rcode.NXDOMAIN);
            return response;
        }
        records.forEach(record -> response.addRecord(record, Section.ANSWER));
        return response;
    }

    private static String key(Name name, int type) {
        return name.toString().toLowerCase() + "|" + type;
    }

    public static Name name(String text) {
        try {
            return Name.fromString(text.endsWith(".") ? text : text + ".");
        } catch (TextParseException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}
