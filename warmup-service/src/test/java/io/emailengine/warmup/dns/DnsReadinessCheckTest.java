package io.emailengine.warmup.dns;

import static io.emailengine.warmup.dns.LoopbackDnsServer.name;
import static org.assertj.core.api.Assertions.assertThat;

import io.emailengine.events.DkimKeyPublished;
import io.emailengine.events.DkimKeyStatus;
import io.emailengine.events.types.TenantId;
import io.emailengine.warmup.adapter.out.DnsReadinessCheck;
import io.emailengine.warmup.application.KnownDkimKeys;
import io.emailengine.warmup.domain.DkimKeyMatch;
import io.emailengine.warmup.application.ReadinessCheck;
import io.emailengine.warmup.domain.SendingIpSpec;
import java.net.InetAddress;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.ReverseMap;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

class DnsReadinessCheckTest {

    private static final String DKIM_KEY = "v=DKIM1; k=rsa; p=MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAv3hIqE8f";
    private static LoopbackDnsServer dns;
    private static DnsReadinessCheck checker;
    private final SendingIpSpec ip = SendingIpSpec.parse("203.0.113.10", "mta1.example.com", "example.com", "s1", "pmta-1",
            null, null, 24).spec();

    @BeforeAll
    static void startDns() throws Exception {
        dns = new LoopbackDnsServer();
        checker = new DnsReadinessCheck(dns.host(), dns.port(), Duration.ofSeconds(2));
    }

    @AfterAll
    static void stopDns() {
        dns.close();
    }

    @BeforeEach
    void readyZone() throws Exception {
        dns.clear();
        dns.add(new PTRRecord(ReverseMap.fromAddress(InetAddress.getByName("203.0.113.10")), DClass.IN, 300, name("mta1.example.com")));
        dns.add(new ARecord(name("mta1.example.com"), DClass.IN, 300, InetAddress.getByName("203.0.113.10")));
        dns.add(new TXTRecord(name("example.com"), DClass.IN, 300, "v=spf1 include:_spf.example.net -all"));
        dns.add(new TXTRecord(name("_spf.example.net"), DClass.IN, 300, "v=spf1 ip4:203.0.113.0/24 ~all"));
        dns.add(new TXTRecord(name("s1._domainkey.example.com"), DClass.IN, 300, DKIM_KEY));
        dns.add(new TXTRecord(name("_dmarc.example.com"), DClass.IN, 300, "v=DMARC1; p=none; rua=mailto:d@example.com"));
    }

    private Map<String, ReadinessCheck.Check> run() {
        return checker.check(ip).checks().stream().collect(Collectors.toMap(ReadinessCheck.Check::name, Function.identity()));
    }

    @Test
    void aCorrectlyPublishedIpPassesEveryCheckAndSaysWhatItFound() {
        ReadinessCheck.Report report = checker.check(ip);

        assertThat(report.passed()).isTrue();
        Map<String, ReadinessCheck.Check> checks = run();
        assertThat(checks.get("fcrdns").found()).isEqualTo("PTR → mta1.example.com; mta1.example.com → [203.0.113.10]");
        assertThat(checks.get("spf").found()).contains("authorises 203.0.113.10");
        assertThat(checks.get("dkim").found()).startsWith("s1._domainkey.example.com: key present");
        assertThat(checks.get("dmarc").found()).contains("v=DMARC1; p=none");
    }

    @Test
    void aPtrNamingAnotherHostFailsForwardConfirmedReverseDns() throws Exception {
        dns.clear();
        dns.add(new PTRRecord(ReverseMap.fromAddress(InetAddress.getByName("203.0.113.10")), DClass.IN, 300,
                name("203-0-113-10.static.isp.net")));

        ReadinessCheck.Check fcrdns = run().get("fcrdns");

        assertThat(fcrdns.passed()).isFalse();
        assertThat(fcrdns.found()).isEqualTo("PTR [203-0-113-10.static.isp.net] does not name the HELO hostname mta1.example.com");
    }

    @Test
    void aHeloHostnameResolvingElsewhereIsNotConfirmed() throws Exception {
        dns.clear();
        dns.add(new PTRRecord(ReverseMap.fromAddress(InetAddress.getByName("203.0.113.10")), DClass.IN, 300, name("mta1.example.com")));
        dns.add(new ARecord(name("mta1.example.com"), DClass.IN, 300, InetAddress.getByName("198.51.100.7")));

        ReadinessCheck.Check fcrdns = run().get("fcrdns");

        assertThat(fcrdns.passed()).isFalse();
        assertThat(fcrdns.found()).contains("does not contain 203.0.113.10");
    }

    @Test
    void spfThatDoesNotListTheIpFailsAndQuotesTheRecord() throws Exception {
        dns.clear();
        dns.add(new TXTRecord(name("example.com"), DClass.IN, 300, "v=spf1 ip4:198.51.100.0/24 -all"));

        ReadinessCheck.Check spf = run().get("spf");

        assertThat(spf.passed()).isFalse();
        assertThat(spf.found()).isEqualTo("example.com: \"v=spf1 ip4:198.51.100.0/24 -all\" does not authorise 203.0.113.10");
    }

    @Test
    void missingDkimAndDmarcRecordsFailTheStart() {
        dns.clear();

        ReadinessCheck.Report report = checker.check(ip);

        assertThat(report.passed()).isFalse();
        Map<String, ReadinessCheck.Check> checks = run();
        assertThat(checks.get("dkim").found()).isEqualTo("no DKIM public key (p=...) at s1._domainkey.example.com");
        assertThat(checks.get("dmarc").found()).isEqualTo("no v=DMARC1 TXT record at _dmarc.example.com");
        assertThat(checks.get("spf").found()).isEqualTo("no v=spf1 TXT record at example.com");
    }

    @Test
    void aDkimRecordCarryingTheGeneratedKeyPassesEvenSplitIntoStringsAndFoldedWithWhitespace() throws Exception {
        String generated = TestDkimKeys.rsaPublicKey();
        String folded = generated.substring(0, 200) + " \t" + generated.substring(200);
        replaceDkim(List.of("v=DKIM1; k=rsa; ", "p=" + folded.substring(0, 150), folded.substring(150)));

        ReadinessCheck.Check dkim = checkerKnowing(generated, DkimKeyStatus.ACTIVE).check(ip).checks().get(2);

        assertThat(dkim.passed()).as(dkim.found()).isTrue();
        assertThat(dkim.found()).isEqualTo("s1._domainkey.example.com: key matches the one pmta-config-service generated"
                + " (fingerprint " + DkimKeyMatch.fingerprint(generated) + ")");
    }

    @Test
    void aDkimRecordCarryingAnotherKeyThanTheGeneratedOneFailsNamingBothFingerprints() throws Exception {
        String generated = TestDkimKeys.rsaPublicKey();
        String other = TestDkimKeys.rsaPublicKey();
        replaceDkim(List.of("v=DKIM1; k=rsa; p=" + other.substring(0, 230), other.substring(230)));

        ReadinessCheck.Report report = checkerKnowing(generated, DkimKeyStatus.ACTIVE).check(ip);

        assertThat(report.passed()).isFalse();
        assertThat(report.checks().get(2).found()).isEqualTo("DKIM TXT at s1._domainkey.example.com carries a different public key"
                + " than the one pmta-config-service generated (fingerprint " + DkimKeyMatch.fingerprint(generated)
                + ", found [" + DkimKeyMatch.fingerprint(other) + "])");
    }

    @Test
    void withoutAGeneratedKeyOrWithARetiredOneOnlyThePresenceOfAKeyIsChecked() throws Exception {
        String published = TestDkimKeys.rsaPublicKey();
        replaceDkim(List.of("v=DKIM1; k=rsa; p=" + published.substring(0, 200), published.substring(200)));

        ReadinessCheck.Check unknown = checkerKnowing(null, null).check(ip).checks().get(2);
        ReadinessCheck.Check retired = checkerKnowing(TestDkimKeys.rsaPublicKey(), DkimKeyStatus.RETIRED).check(ip).checks().get(2);

        assertThat(unknown.passed()).isTrue();
        assertThat(unknown.found()).startsWith("s1._domainkey.example.com: key present");
        assertThat(retired.passed()).isTrue();
        assertThat(retired.found()).endsWith("pmta-config-service retired its key for this selector");
    }

    @Test
    void aRevokedKeyWithAnEmptyPValueIsNoKeyAtAll() throws Exception {
        replaceDkim(List.of("v=DKIM1; k=rsa; p="));

        ReadinessCheck.Check dkim = checkerKnowing(TestDkimKeys.rsaPublicKey(), DkimKeyStatus.ACTIVE).check(ip).checks().get(2);

        assertThat(dkim.passed()).isFalse();
        assertThat(dkim.found()).isEqualTo("no DKIM public key (p=...) at s1._domainkey.example.com");
    }

    private static void replaceDkim(List<String> strings) {
        dns.remove(name("s1._domainkey.example.com"), Type.TXT);
        dns.add(new TXTRecord(name("s1._domainkey.example.com"), DClass.IN, 300, strings));
    }

    private static DnsReadinessCheck checkerKnowing(String publicKey, DkimKeyStatus status) {
        KnownDkimKeys keys = new KnownDkimKeys() {
            @Override
            public void record(DkimKeyPublished key, TenantId tenant, Instant occurredAt, UUID eventId) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Optional<KnownKey> find(String domain, String selector) {
                return publicKey == null || !domain.equals("example.com") || !selector.equals("s1") ? Optional.empty()
                        : Optional.of(new KnownKey(domain, selector, publicKey, status));
            }
        };
        return new DnsReadinessCheck(dns.host(), dns.port(), Duration.ofSeconds(2), keys);
    }

    @Test
    void anUnreachableResolverIsReportedAsAFailedQueryNotAPass() {
        DnsReadinessCheck nowhere = new DnsReadinessCheck("127.0.0.1", 9, Duration.ofMillis(300));

        ReadinessCheck.Report report = nowhere.check(ip);

        assertThat(report.passed()).isFalse();
        assertThat(report.checks()).allSatisfy(check -> assertThat(check.found()).startsWith("DNS query failed"));
    }
}
