package io.emailengine.events.types;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One outgoing IP address of a PowerMTA host; the partition key of most events.
 *
 * <p>Parsed by hand rather than with {@code InetAddress.getByName}, which would resolve a hostname
 * over DNS and accept forms such as {@code 010.1.1.1} or {@code 1.1} that PowerMTA and humans read
 * differently. IPv6 is stored in its RFC 5952 form (lowercase, compressed) so that two spellings of
 * one address give one key.
 */
public record SendingIp(String value) {

    private static final Pattern IPV4_OCTET = Pattern.compile("0|[1-9][0-9]{0,2}");
    private static final Pattern IPV6_GROUP = Pattern.compile("[0-9A-Fa-f]{1,4}");
    private static final int MAX_LITERAL_LENGTH = 45;

    public SendingIp {
        value = normalise(value);
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static SendingIp of(String value) {
        return new SendingIp(value);
    }

    public boolean isIpv6() {
        return value.indexOf(':') >= 0;
    }

    @JsonValue
    @Override
    public String value() {
        return value;
    }

    @Override
    public String toString() {
        return value;
    }

    /** All eight IPv6 groups in lowercase hex without leading zeros; for {@link VirtualMtaName}. */
    List<String> ipv6Groups() {
        int[] groups = parseIpv6(value);
        List<String> hex = new ArrayList<>(groups.length);
        for (int group : groups) {
            hex.add(Integer.toHexString(group));
        }
        return hex;
    }

    private static String normalise(String literal) {
        if (literal == null) {
            throw new InvalidValueException("SendingIp", "value is required");
        }
        if (literal.length() <= MAX_LITERAL_LENGTH) {
            if (literal.indexOf(':') >= 0) {
                int[] groups = parseIpv6(literal);
                if (groups != null) {
                    return formatIpv6(groups);
                }
            } else if (parseIpv4(literal) != null) {
                return literal;
            }
        }
        throw new InvalidValueException("SendingIp",
                "not an IP address literal: '" + Whitelist.printable(literal) + "'");
    }

    /** Strict dotted quad: four decimal octets, no leading zeros, each at most 255. */
    private static int[] parseIpv4(String literal) {
        String[] parts = literal.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        int[] octets = new int[4];
        for (int i = 0; i < 4; i++) {
            if (!IPV4_OCTET.matcher(parts[i]).matches()) {
                return null;
            }
            octets[i] = Integer.parseInt(parts[i]);
            if (octets[i] > 255) {
                return null;
            }
        }
        return octets;
    }

    /** Returns the eight 16-bit groups, or null if this is not an IPv6 literal (no zone ids). */
    private static int[] parseIpv6(String literal) {
        int gap = literal.indexOf("::");
        if (gap >= 0 && literal.indexOf("::", gap + 1) >= 0) {
            return null;
        }
        List<Integer> head = gap < 0 ? groupsOf(literal) : groupsOf(literal.substring(0, gap));
        List<Integer> tail = gap < 0 ? List.of() : groupsOf(literal.substring(gap + 2));
        if (head == null || tail == null) {
            return null;
        }
        int explicit = head.size() + tail.size();
        if (gap < 0 ? explicit != 8 : explicit > 7) {
            return null;
        }
        int[] groups = new int[8];
        for (int i = 0; i < head.size(); i++) {
            groups[i] = head.get(i);
        }
        for (int i = 0; i < tail.size(); i++) {
            groups[8 - tail.size() + i] = tail.get(i);
        }
        return groups;
    }

    /** Colon-separated hex groups; the last one may be a dotted quad (two groups). */
    private static List<Integer> groupsOf(String part) {
        List<Integer> groups = new ArrayList<>();
        if (part.isEmpty()) {
            return groups;
        }
        String[] tokens = part.split(":", -1);
        for (int i = 0; i < tokens.length; i++) {
            String token = tokens[i];
            if (i == tokens.length - 1 && token.indexOf('.') >= 0) {
                int[] v4 = parseIpv4(token);
                if (v4 == null) {
                    return null;
                }
                groups.add(v4[0] << 8 | v4[1]);
                groups.add(v4[2] << 8 | v4[3]);
            } else if (IPV6_GROUP.matcher(token).matches()) {
                groups.add(Integer.parseInt(token, 16));
            } else {
                return null;
            }
        }
        return groups;
    }

    /** RFC 5952: lowercase, no leading zeros, the first longest run (of two or more) of zeros as "::". */
    private static String formatIpv6(int[] groups) {
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int start = i;
            while (i < 8 && groups[i] == 0) {
                i++;
            }
            if (i - start > bestLength) {
                bestStart = start;
                bestLength = i - start;
            }
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLength - 1;
                continue;
            }
            if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(groups[i]));
        }
        return out.toString();
    }
}
