package io.emailengine.simulator.pmta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Traffic at the live rates in simulated time, driven by a manual clock. */
class AccountingTrafficTest {

    private static final Instant START = Instant.parse("2026-11-20T08:00:00Z");
    private static final String ACCT = "/var/log/pmta/email-engine-acct.csv";

    @TempDir
    Path base;
    private TestClock clock;
    private PmtaHostSimulator host;

    @BeforeEach
    void clock() {
        clock = new TestClock(START);
    }

    @AfterEach
    void stop() {
        if (host != null) {
            host.close();
        }
    }

    private PmtaHostSimulator host(PmtaSimulatorOptions options) {
        host = new PmtaHostSimulator(options);
        host.start();
        return host;
    }

    private PmtaSimulatorOptions options() {
        return PmtaSimulatorOptions.of("pmta-1", base.resolve("root")).withClock(clock).withTrafficTick(Duration.ZERO).withSeed(42);
    }

    private PmtaHostSimulator liveGolden(PmtaSimulatorOptions options) {
        PmtaHostSimulator h = host(options);
        Fixtures.install(h, PmtaHostSimulator.ENGINE_INCLUDE_PATH, Fixtures.resource(Fixtures.GOLDEN));
        assertThat(h.run("pmta reload").exit()).isZero();
        return h;
    }

    /** One virtual MTA sending to Gmail at 60/h: for tests that play many simulated hours. */
    private static final String SMALL = """
            <mx-rollup-list>
                mx *.google.com gmail.rollup rollup-by-ip
            </mx-rollup-list>

            <virtual-mta v203-0-113-10>
                smtp-source-host 203.0.113.10 mta10.mail1.example.com
                <domain gmail.rollup>
                    max-msg-rate 60/h
                    max-smtp-out 1
                </domain>
            </virtual-mta>

            <virtual-mta-pool tenant-a>
                virtual-mta v203-0-113-10
            </virtual-mta-pool>

            <acct-file /var/log/pmta/email-engine-acct.csv>
                records d,b,t,rb,f
                record-fields b *,header_Message-Id
                move-interval 1h
            </acct-file>
            """;

    /** Every record of every accounting file in the log directory, parsed by header name as bounce-ingest does. */
    private List<Map<String, String>> records() throws IOException {
        List<Map<String, String>> all = new ArrayList<>();
        for (Path file : accountingFiles()) {
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                 CSVParser csv = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader)) {
                for (CSVRecord record : csv) {
                    assertThat(record.isConsistent()).as("record %s of %s", record.getRecordNumber(), file).isTrue();
                    all.add(record.toMap());
                }
            }
        }
        return all;
    }

    private List<Path> accountingFiles() throws IOException {
        try (Stream<Path> files = Files.list(host.local("/var/log/pmta"))) {
            return files.filter(p -> p.getFileName().toString().endsWith(".csv")).sorted().toList();
        }
    }

    private static long count(List<Map<String, String>> records, String vmta, String queueDomain) {
        return records.stream().filter(r -> vmta.equals(r.get("vmta")) && (queueDomain + "/" + vmta).equals(r.get("queue"))).count();
    }

    @Test
    void writesParseableRecordsAtTheLiveRatesPerVirtualMtaAndProvider() throws Exception {
        liveGolden(options());
        host.startTraffic();

        clock.advance(Duration.ofHours(1));
        host.advanceTraffic();

        List<Map<String, String>> records = records();
        // gmail 1200/h, microsoft 300/h, other 83/10m = 498/h, yahoo paused (0/h); 12 uses gmail 50/h
        assertThat(count(records, "v203-0-113-10", "gmail.rollup")).isEqualTo(1200);
        assertThat(count(records, "v203-0-113-10", "microsoft.rollup")).isEqualTo(300);
        assertThat(records.stream().filter(r -> "v203-0-113-10".equals(r.get("vmta")) && r.get("queue").matches(
                "(example\\.org|corp\\.example|mail\\.example\\.net)/v203-0-113-10"))).hasSize(498);
        assertThat(count(records, "v203-0-113-10", "yahoo.rollup")).isZero();
        assertThat(count(records, "v203-0-113-12", "gmail.rollup")).isEqualTo(50);
        assertThat(records).allSatisfy(r -> {
            // the recipient rides in the local part (~local=domain), for the MailWizz simulator
            assertThat(r.get("header_Message-Id")).matches("<[0-9]{14}\\.[0-9]+\\.cmp-[a-z0-9.-]+\\.pmta-1~[^@=]+=[a-z0-9.-]+@[a-z0-9.-]+>")
                    .contains("~" + r.get("rcpt").replace("@", "=") + "@");
            assertThat(r.get("timeLogged")).matches("2026-11-20 0[89]:[0-5][0-9]:[0-5][0-9]\\+0000");
            assertThat(r.get("type")).isIn("d", "b", "t", "f");
            assertThat(r.get("dlvSourceIp")).isIn("203.0.113.10", "203.0.113.11", "203.0.113.12");
        });
        Map<String, Long> byType = records.stream().collect(Collectors.groupingBy(r -> r.get("type"), Collectors.counting()));
        long sends = byType.get("d") + byType.get("b") + byType.get("t");
        assertThat(byType.get("d")).isBetween((long) (sends * 0.95), (long) (sends * 0.99));
        assertThat(byType.get("b")).isPositive();
        assertThat(byType.get("t")).isPositive();
        Map<String, String> delivered = records.stream().filter(r -> r.get("type").equals("d") && r.get("queue").equals("gmail.rollup/v203-0-113-10"))
                .findFirst().orElseThrow();
        assertThat(delivered.get("rcpt")).matches("u[0-9]+@(gmail\\.com|googlemail\\.com)");
        assertThat(delivered.get("vmtaPool")).isEqualTo("tenant-a");
        assertThat(delivered.get("orig")).isEqualTo("bounces@mail1.example.com");
        assertThat(delivered.get("dsnDiag")).startsWith("smtp;250 2.0.0 OK");
        assertThat(records).filteredOn(r -> r.get("type").equals("b") && "bad-mailbox".equals(r.get("bounceCat"))).isNotEmpty();
        assertThat(host.trafficSummary().count("203.0.113.10", "gmail")).isEqualTo(1200
                + host.trafficSummary().count("203.0.113.10", "gmail", "f"));
        assertThat(host.trafficSummary().total()).isEqualTo(records.size());
    }

    @Test
    void rotatesAtTheMoveIntervalOfSimulatedTimeWithAHeaderInEveryFile() throws Exception {
        liveGolden(options());
        host.startTraffic();

        clock.advance(Duration.ofMinutes(30));
        host.advanceTraffic();

        List<String> names = accountingFiles().stream().map(p -> p.getFileName().toString()).toList();
        assertThat(names).containsExactly("email-engine-acct-2026-11-20-0800.csv", "email-engine-acct-2026-11-20-0805.csv",
                "email-engine-acct-2026-11-20-0810.csv", "email-engine-acct-2026-11-20-0815.csv",
                "email-engine-acct-2026-11-20-0820.csv", "email-engine-acct.csv");
        for (Path file : accountingFiles()) {
            List<String> lines = Files.readAllLines(file);
            assertThat(lines.get(0)).startsWith("type,timeLogged,timeQueued,orig,rcpt").endsWith(",header_Message-Id");
            assertThat(Files.readString(file)).endsWith("\n");
        }
        List<String> first = Files.readAllLines(host.local("/var/log/pmta/email-engine-acct-2026-11-20-0805.csv"));
        assertThat(first.subList(1, first.size())).allSatisfy(line -> assertThat(line).contains(",2026-11-20 08:0"));
    }

    @Test
    void keepsOnlyTheConfiguredNumberOfRotatedFiles() throws Exception {
        liveGolden(options().withKeepRotatedFiles(3));
        host.startTraffic();

        clock.advance(Duration.ofHours(1));
        host.advanceTraffic();

        assertThat(accountingFiles()).extracting(p -> p.getFileName().toString()).containsExactly(
                "email-engine-acct-2026-11-20-0840.csv", "email-engine-acct-2026-11-20-0845.csv",
                "email-engine-acct-2026-11-20-0850.csv", "email-engine-acct.csv");
    }

    @Test
    void scriptedIncidentFiresOnItsSimulatedDayForItsIpAndProviderOnly() throws Exception {
        host(options().withIncidents(List.of(Incident.of(2, "203.0.113.10", Incident.Kind.GMAIL_RATE_LIMIT_BURST, 40))));
        Fixtures.install(host, PmtaHostSimulator.ENGINE_INCLUDE_PATH, SMALL);
        assertThat(host.run("pmta reload").exit()).isZero();
        host.startTraffic();

        clock.advance(Duration.ofHours(23));
        host.advanceTraffic();
        long beforeDayTwo = records().stream().filter(r -> r.get("dsnDiag") != null && r.get("dsnDiag").contains("4.7.28")).count();
        clock.advance(Duration.ofHours(2));
        host.advanceTraffic();

        List<Map<String, String>> signals = records().stream()
                .filter(r -> r.get("dsnDiag") != null && r.get("dsnDiag").contains("421-4.7.28")).toList();
        assertThat(beforeDayTwo).isZero();
        assertThat(signals).hasSize(40).allSatisfy(r -> {
            assertThat(r.get("type")).isEqualTo("t");
            assertThat(r.get("dlvSourceIp")).isEqualTo("203.0.113.10");
            assertThat(r.get("queue")).isEqualTo("gmail.rollup/v203-0-113-10");
            assertThat(r.get("timeLogged")).startsWith("2026-11-21 08:00:");
        });
        assertThat(host.trafficSummary().count("203.0.113.10", "gmail", "t")).isGreaterThanOrEqualTo(40);
    }

    @Test
    void pausedQueueSendsNothingWhileItsBacklogGrows() throws Exception {
        liveGolden(options());
        host.startTraffic();
        assertThat(host.run("pmta pause queue gmail.rollup/v203-0-113-10").exit()).isZero();

        clock.advance(Duration.ofHours(1));
        host.advanceTraffic();

        assertThat(count(records(), "v203-0-113-10", "gmail.rollup")).isZero();
        assertThat(count(records(), "v203-0-113-11", "gmail.rollup")).isEqualTo(1200);
        String queues = host.run("pmta --json show queues").out();
        assertThat(queues).contains("{\"name\":\"gmail.rollup/v203-0-113-10\",\"domain\":\"gmail.rollup\",\"vmta\":\"v203-0-113-10\",\"rcp\":1200,\"msg\":1200,\"kb\":21600,\"conn\":0,\"paused\":true}");

        host.run("pmta resume queue gmail.rollup/v203-0-113-10");
        clock.advance(Duration.ofMinutes(10));
        host.advanceTraffic();
        assertThat(count(records(), "v203-0-113-10", "gmail.rollup")).isEqualTo(200);
    }

    @Test
    void injectedSignalIsWrittenAtOnceWithItsMessageId() throws Exception {
        liveGolden(options());

        InjectedRecord injected = host.injectSignal("203.0.113.11", "yahoo", Incident.Kind.YAHOO_TSS04);

        assertThat(injected.file()).isEqualTo(ACCT);
        assertThat(injected.simulatedTime()).isEqualTo(START);
        assertThat(records()).singleElement().satisfies(r -> {
            assertThat(r.get("header_Message-Id")).isEqualTo(injected.messageId());
            assertThat(r.get("dsnDiag")).contains("[TSS04] Messages from 203.0.113.11 temporarily deferred");
            assertThat(r.get("queue")).isEqualTo("yahoo.rollup/v203-0-113-11");
            assertThat(r.get("vmta")).isEqualTo("v203-0-113-11");
            assertThat(r.get("timeLogged")).isEqualTo("2026-11-20 08:00:00+0000");
        });
        assertThatThrownBy(() -> host.injectSignal("203.0.113.11", "gmail", Incident.Kind.YAHOO_TSS04))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            GMAIL_RATE_LIMIT_BURST | gmail     | t | smtp;421-4.7.28 Gmail has detected an unusual rate of unsolicited mail originating from your IP address
            GMAIL_LOW_REPUTATION   | gmail     | t | smtp;421 4.7.0 [203.0.113.10] Our system has detected
            GMAIL_UNSOLICITED      | gmail     | b | smtp;550 5.7.1 [203.0.113.10] Our system has detected that this message is likely unsolicited mail
            YAHOO_TSS04            | yahoo     | t | smtp;421 4.7.0 [TSS04] Messages from 203.0.113.10 temporarily deferred
            YAHOO_TS03             | yahoo     | t | smtp;421 4.7.0 [TS03] All messages from 203.0.113.10 will be permanently deferred
            MICROSOFT_S3150        | microsoft | b | part of their network is on our block list (S3150)
            MICROSOFT_S775         | microsoft | t | smtp;451 4.7.650 The mail server [203.0.113.10] has been temporarily rate limited due to IP reputation
            HARD_BOUNCE_SPIKE      | other     | b | Recipient address rejected: User unknown
            COMPLAINT_SPIKE        | yahoo     | f | abuse
            """)
    void everyIncidentKindCarriesItsProviderSignal(Incident.Kind kind, String provider, String type, String text) throws Exception {
        liveGolden(options());

        InjectedRecord injected = host.injectSignal("203.0.113.10", provider, kind);

        assertThat(records()).singleElement().satisfies(r -> {
            assertThat(r.get("type")).isEqualTo(type);
            assertThat(r.get("header_Message-Id")).isEqualTo(injected.messageId());
            assertThat(r.get("dlvSourceIp")).isEqualTo("203.0.113.10");
            assertThat(type.equals("f") ? r.get("feedbackType") : r.get("dsnDiag")).contains(text);
        });
        assertThat(host.trafficSummary().count("203.0.113.10", provider, type)).isEqualTo(1);
    }

    @Test
    void incidentOfAnUnknownProviderOrAMismatchedKindIsRefused() {
        assertThatThrownBy(() -> new PmtaHostSimulator(options().withIncidents(
                List.of(new Incident(1, "203.0.113.10", "aol", Incident.Kind.HARD_BOUNCE_SPIKE, 5)))))
                .hasMessageContaining("'aol' is not a provider");
        assertThatThrownBy(() -> new Incident(1, "203.0.113.10", "yahoo", Incident.Kind.GMAIL_RATE_LIMIT_BURST, 5))
                .hasMessageContaining("GMAIL_RATE_LIMIT_BURST is a gmail signal");
    }

    @Test
    void rotatesAtMaxSizeToo() throws Exception {
        host(options());
        Fixtures.install(host, PmtaHostSimulator.ENGINE_INCLUDE_PATH, SMALL.replace("move-interval 1h", "move-interval 1h\n    max-size 4K"));
        assertThat(host.run("pmta reload").exit()).isZero();
        host.startTraffic();

        clock.advance(Duration.ofMinutes(30));
        host.advanceTraffic();

        List<Path> files = accountingFiles();
        assertThat(files).hasSizeGreaterThan(2);
        assertThat(files).allSatisfy(f -> assertThat(Files.size(f)).isLessThan(4096 + 2048));
        assertThat(files).extracting(f -> f.getFileName().toString())
                .allSatisfy(name -> assertThat(name).matches("email-engine-acct(-2026-11-20-08[0-9]{2}(-[0-9]+)?)?\\.csv"));
        assertThat(records()).hasSize((int) host.trafficSummary().total());
    }

    @Test
    void deletesRotatedFilesOlderThanDeleteAfterInSimulatedTime() throws Exception {
        host(options());
        Fixtures.install(host, PmtaHostSimulator.ENGINE_INCLUDE_PATH, SMALL.replace("move-interval 1h", "move-interval 10m\n    delete-after 30m"));
        assertThat(host.run("pmta reload").exit()).isZero();
        host.startTraffic();

        clock.advance(Duration.ofHours(2));
        host.advanceTraffic();

        assertThat(accountingFiles()).extracting(p -> p.getFileName().toString()).containsExactly(
                "email-engine-acct-2026-11-20-0910.csv", "email-engine-acct-2026-11-20-0920.csv",
                "email-engine-acct-2026-11-20-0930.csv", "email-engine-acct-2026-11-20-0940.csv", "email-engine-acct.csv");
    }

    @Test
    void nothingIsWrittenWithoutLiveVirtualMtas() throws Exception {
        host(options());
        host.startTraffic();

        clock.advance(Duration.ofHours(2));

        assertThat(host.advanceTraffic()).isZero();
        assertThat(accountingFiles()).isEmpty();
    }

    @Test
    void deliveryDemandSendsOnlyThatFractionOfTheAllowedRate() throws Exception {
        liveGolden(options().withDeliveryDemand(0.5));
        host.startTraffic();

        clock.advance(Duration.ofHours(1));
        host.advanceTraffic();

        assertThat(count(records(), "v203-0-113-10", "gmail.rollup")).isBetween(600L, 612L);
    }
}
