package io.emailengine.warmup.adapter.out;

import io.emailengine.events.DkimKeyStatus;
import io.emailengine.warmup.application.KnownDkimKeys;
import io.emailengine.warmup.application.ReadinessCheck;
import io.emailengine.warmup.domain.DkimKeyMatch;
import io.emailengine.warmup.domain.SendingIpSpec;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.ReverseMap;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * What mailbox providers check before they accept bulk mail from an IP, asked of a real resolver
 * (configurable address and port): forward-confirmed reverse DNS, SPF authorising the IP, a DKIM
 * key at the selector (the very key pmta-config-service generated, when it did), a DMARC record. Each
 * check reports what it found, so an operator can fix DNS without guessing.
 */
public class DnsReadinessCheck implements ReadinessCheck {

    /** RFC 7208 limits DNS-querying mechanisms to 10; so do we. */
    private static final int SPF_LOOKUP_LIMIT = 10;

    private final SimpleResolver resolver;
    private final KnownDkimKeys knownKeys;

    /** Without known keys: the DKIM check only asks that a key is published. */
    public DnsReadinessCheck(String resolverHost, int port, Duration timeout) {
        this(resolverHost, port, timeout, KnownDkimKeys.NONE);
    }

    public DnsReadinessCheck(String resolverHost, int port, Duration timeout, KnownDkimKeys knownKeys) {
        this.knownKeys = knownKeys;
        try {
            this.resolver = resolverHost == null || resolverHost.isBlank() ? new SimpleResolver() : new SimpleResolver(resolverHost);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("email-engine.warmup.dns.resolver: unknown host " + resolverHost, e);
        }
        resolver.setPort(port);
        resolver.setTimeout(timeout);
    }

    @Override
    public Report check(SendingIpSpec ip) {
        InetAddress address = address(ip.ip().value());
        return new Report(List.of(fcrdns(address, ip.heloHostname()), spf(address, ip.sendingDomain()),
                dkim(ip.dkimSelector(), ip.sendingDomain()), dmarc(ip.sendingDomain())));
    }

    Check fcrdns(InetAddress address, String helo) {
        try {
            List<String> ptrs = new ArrayList<>();
            for (Record record : query(ReverseMap.fromAddress(address), Type.PTR)) {
                ptrs.add(plain(((PTRRecord) record).getTarget()));
            }
            if (ptrs.isEmpty()) {
                return new Check("fcrdns", true, false, "no PTR record for " + address.getHostAddress());
            }
            if (!ptrs.contains(helo)) {
                return new Check("fcrdns", true, false, "PTR " + ptrs + " does not name the HELO hostname " + helo);
            }
            List<String> forward = addresses(name(helo));
            boolean confirmed = forward.contains(address.getHostAddress());
            return new Check("fcrdns", true, confirmed, "PTR → " + helo + "; " + helo + " → " + forward
                    + (confirmed ? "" : " (does not contain " + address.getHostAddress() + ")"));
        } catch (IOException e) {
            return failed("fcrdns", e);
        }
    }

    Check spf(InetAddress address, String domain) {
        try {
            int[] lookups = {0};
            String record = spfRecord(domain);
            if (record == null) {
                return new Check("spf", true, false, "no v=spf1 TXT record at " + domain);
            }
            boolean authorised = authorises(record, domain, address, lookups);
            return new Check("spf", true, authorised, domain + ": \"" + record + "\""
                    + (authorised ? " authorises " : " does not authorise ") + address.getHostAddress());
        } catch (IOException e) {
            return failed("spf", e);
        }
    }

    Check dkim(String selector, String domain) {
        String at = selector + "._domainkey." + domain;
        try {
            List<String> records = texts(at);
            KnownDkimKeys.KnownKey known = knownKeys.find(domain, selector).orElse(null);
            // A retired key may be withdrawn from DNS at any time, so only an active one is an expectation.
            boolean expected = known != null && known.status() == DkimKeyStatus.ACTIVE;
            return switch (DkimKeyMatch.compare(records, expected ? known.publicKey() : null)) {
                case NO_KEY -> new Check("dkim", true, false, "no DKIM public key (p=...) at " + at);
                case DIFFERENT_KEY -> new Check("dkim", true, false, "DKIM TXT at " + at
                        + " carries a different public key than the one pmta-config-service generated (fingerprint "
                        + DkimKeyMatch.fingerprint(known.publicKey()) + ", found " + foundFingerprints(records) + ")");
                case MATCHES -> new Check("dkim", true, true, at + ": " + (expected
                        ? "key matches the one pmta-config-service generated (fingerprint "
                                + DkimKeyMatch.fingerprint(known.publicKey()) + ")"
                        : "key present (" + String.join("", records).length() + " characters)"
                                + (known != null ? "; pmta-config-service retired its key for this selector" : "")));
            };
        } catch (IOException e) {
            return failed("dkim", e);
        }
    }

    private static String foundFingerprints(List<String> records) {
        return records.stream().map(DkimKeyMatch::publicKey).flatMap(java.util.Optional::stream)
                .map(DkimKeyMatch::fingerprint).toList().toString();
    }

    Check dmarc(String domain) {
        String at = "_dmarc." + domain;
        try {
            for (String text : texts(at)) {
                if (text.trim().toLowerCase(Locale.ROOT).startsWith("v=dmarc1")) {
                    return new Check("dmarc", true, true, at + ": \"" + text + "\"");
                }
            }
            return new Check("dmarc", true, false, "no v=DMARC1 TXT record at " + at);
        } catch (IOException e) {
            return failed("dmarc", e);
        }
    }

    private boolean authorises(String record, String domain, InetAddress address, int[] lookups) throws IOException {
        for (String term : record.trim().split("\\s+")) {
            String t = term.toLowerCase(Locale.ROOT);
            char qualifier = '+';
            if (!t.isEmpty() && "+-~?".indexOf(t.charAt(0)) >= 0) {
                qualifier = t.charAt(0);
                t = t.substring(1);
            }
            boolean pass = qualifier == '+';
            if (t.startsWith("ip4:") || t.startsWith("ip6:")) {
                if (inCidr(address, t.substring(4))) {
                    return pass;
                }
            } else if (t.equals("a") || t.startsWith("a:") || t.startsWith("a/")) {
                if (++lookups[0] > SPF_LOOKUP_LIMIT) {
                    return false;
                }
                String target = t.startsWith("a:") ? t.substring(2).split("/")[0] : domain;
                if (addresses(name(target)).contains(address.getHostAddress())) {
                    return pass;
                }
            } else if (t.equals("mx") || t.startsWith("mx:")) {
                if (++lookups[0] > SPF_LOOKUP_LIMIT) {
                    return false;
                }
                String target = t.startsWith("mx:") ? t.substring(3) : domain;
                for (Record mx : query(name(target), Type.MX)) {
                    if (addresses(((MXRecord) mx).getTarget()).contains(address.getHostAddress())) {
                        return pass;
                    }
                }
            } else if (t.startsWith("include:") || t.startsWith("redirect=")) {
                if (++lookups[0] > SPF_LOOKUP_LIMIT) {
                    return false;
                }
                String target = t.substring(t.indexOf(t.startsWith("include:") ? ':' : '=') + 1);
                String included = spfRecord(target);
                if (included != null && authorises(included, target, address, lookups)) {
                    return pass;
                }
            } else if (t.equals("all")) {
                return pass;
            }
        }
        return false;
    }

    private String spfRecord(String domain) throws IOException {
        for (String text : texts(domain)) {
            if (text.toLowerCase(Locale.ROOT).startsWith("v=spf1")) {
                return text;
            }
        }
        return null;
    }

    private List<String> texts(String at) throws IOException {
        List<String> texts = new ArrayList<>();
        for (Record record : query(name(at), Type.TXT)) {
            // The raw bytes: getStrings() gives presentation form, where a tab or a quote arrives escaped (\009, \").
            StringBuilder text = new StringBuilder();
            for (byte[] part : ((TXTRecord) record).getStringsAsByteArrays()) {
                text.append(new String(part, StandardCharsets.UTF_8));
            }
            texts.add(text.toString());
        }
        return texts;
    }

    private List<String> addresses(Name host) throws IOException {
        List<String> found = new ArrayList<>();
        for (Record record : query(host, Type.A)) {
            found.add(((ARecord) record).getAddress().getHostAddress());
        }
        for (Record record : query(host, Type.AAAA)) {
            found.add(((AAAARecord) record).getAddress().getHostAddress());
        }
        return found;
    }

    private List<Record> query(Name name, int type) throws IOException {
        Message response = resolver.send(Message.newQuery(Record.newRecord(name, type, DClass.IN)));
        int rcode = response.getRcode();
        if (rcode != Rcode.NOERROR && rcode != Rcode.NXDOMAIN) {
            throw new IOException(Type.string(type) + " " + name + ": " + Rcode.string(rcode));
        }
        return response.getSection(Section.ANSWER).stream().filter(r -> r.getType() == type).toList();
    }

    private static boolean inCidr(InetAddress address, String cidr) {
        try {
            String[] parts = cidr.split("/");
            InetAddress network = InetAddress.getByName(parts[0]);
            if (network.getAddress().length != address.getAddress().length) {
                return false;
            }
            int bits = address.getAddress().length * 8;
            int prefix = parts.length > 1 ? Integer.parseInt(parts[1]) : bits;
            BigInteger mask = prefix == 0 ? BigInteger.ZERO
                    : BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE).shiftRight(bits - prefix).shiftLeft(bits - prefix);
            return new BigInteger(1, network.getAddress()).and(mask).equals(new BigInteger(1, address.getAddress()).and(mask));
        } catch (UnknownHostException | NumberFormatException e) {
            return false;
        }
    }

    /** The IP was validated as a literal, so this never queries DNS. */
    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP literal: " + literal, e);
        }
    }

    private static Name name(String host) throws TextParseException {
        return Name.fromString(host.endsWith(".") ? host : host + ".");
    }

    private static String plain(Name name) {
        String text = name.toString(true);
        return text.toLowerCase(Locale.ROOT);
    }

    private static Check failed(String check, IOException e) {
        return new Check(check, true, false, "DNS query failed: " + e.getMessage());
    }
}
