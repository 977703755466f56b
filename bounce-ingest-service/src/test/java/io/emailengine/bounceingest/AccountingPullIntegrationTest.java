package io.emailengine.bounceingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.emailengine.bounceingest.adapter.out.SftpAccountingFiles;
import io.emailengine.bounceingest.application.AccountingIngestion;
import io.emailengine.bounceingest.application.parse.AccountingCsvReader;
import io.emailengine.bounceingest.application.pull.AccountingPull;
import io.emailengine.bounceingest.application.pull.PullCheckpointStore;
import io.emailengine.bounceingest.application.pull.RemoteAccountingFiles;
import io.emailengine.bounceingest.config.BounceIngestProperties;
import io.emailengine.events.EventType;
import io.emailengine.testsupport.KafkaProbe;
import io.emailengine.testsupport.RealInfrastructure;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.digest.BuiltinDigests;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/** SFTP pull against a real SSH/SFTP server (Apache MINA SSHD) standing in for a PowerMTA host. */
@RealInfrastructure
@ActiveProfiles("test")
@SpringBootTest
class AccountingPullIntegrationTest {

    private static final String HEADER = "type,timeLogged,rcpt,dsnStatus,dsnDiag,bounceCat,dlvSourceIp,vmta,queue\n";
    private static Path root;
    private static Path acct;
    private static SshServer server;
    private static KafkaProbe kafka;
    private static String fingerprint;
    private static Path clientKey;

    @Autowired AccountingPull pull;
    @Autowired AccountingIngestion ingestion;
    @Autowired AccountingCsvReader csv;
    @Autowired PullCheckpointStore checkpoints;
    @Autowired SftpAccountingFiles sftp;
    @Autowired TransactionTemplate tx;
    @Autowired MeterRegistry registry;
    @Autowired JdbcTemplate jdbc;

    @DynamicPropertySource
    static void pmtaHost(DynamicPropertyRegistry properties) throws Exception {
        startServer();
        properties.add("email-engine.bounce-ingest.pull.chunk-bytes", () -> "2048");
        properties.add("email-engine.bounce-ingest.pull.hosts[0].name", () -> "pmta-sftp");
        properties.add("email-engine.bounce-ingest.pull.hosts[0].address", () -> "127.0.0.1");
        properties.add("email-engine.bounce-ingest.pull.hosts[0].port", () -> server.getPort());
        properties.add("email-engine.bounce-ingest.pull.hosts[0].username", () -> "pmta");
        properties.add("email-engine.bounce-ingest.pull.hosts[0].host-key-fingerprint", () -> fingerprint);
        properties.add("email-engine.bounce-ingest.pull.hosts[0].private-key-file", () -> clientKey.toString());
        properties.add("email-engine.bounce-ingest.pull.hosts[0].directory", () -> "/var/log/pmta");
    }

    private static void startServer() throws Exception {
        root = Files.createTempDirectory("pmta-host");
        acct = Files.createDirectories(root.resolve("var/log/pmta"));
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair client = generator.generateKeyPair();
        clientKey = root.resolve("client-key.pem");
        Files.writeString(clientKey, "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(client.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n");
        server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(0);
        SimpleGeneratorHostKeyProvider hostKeys = new SimpleGeneratorHostKeyProvider(root.resolve("host-key.ser"));
        server.setKeyPairProvider(hostKeys);
        server.setPublickeyAuthenticator((user, key, session) ->
                "pmta".equals(user) && Arrays.equals(key.getEncoded(), client.getPublic().getEncoded()));
        server.setSubsystemFactories(List.of(new SftpSubsystemFactory()));
        server.setFileSystemFactory(new VirtualFileSystemFactory(root));
        server.start();
        fingerprint = KeyUtils.getFingerPrint(BuiltinDigests.sha256, hostKeys.loadKeys(null).iterator().next().getPublic());
    }

    @BeforeAll
    static void connect() {
        kafka = KafkaProbe.onTestKafka();
    }

    @AfterAll
    static void stopServer() throws IOException {
        server.stop(true);
        kafka.close();
    }

    /** The BounceReceived events published for the recipients the pattern finds, once the outbox is relayed. */
    private long bouncesTo(Pattern recipients) {
        return RelayedEvents.count(jdbc, kafka, EventType.BOUNCE_RECEIVED.topic(),
                r -> recipients.matcher(KafkaProbe.text(r)).find(), Duration.ofSeconds(60));
    }

    @BeforeEach
    void cleanHost() throws IOException {
        jdbc.update("""
                INSERT INTO ip_attribution (ip, tenant_id, vmta, host_id, pool, learned_at)
                VALUES ('203.0.113.10', 'tenant-a', 'v203-0-113-10', 'pmta-sftp', null, now()) ON CONFLICT (ip) DO NOTHING""");
        try (var files = Files.list(acct)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
    }

    @Test
    void readsOnlyCompleteRecordsAndResumesFromTheCheckpointWhenTheFileGrows() throws Exception {
        Path file = acct.resolve("acct.csv");
        Files.writeString(file, HEADER + records(1, 3) + "b,2026-11-24 10:00:04+0000,r4@gmail.com,5.1.1,\"smtp;550 5.1.1 first part");

        AccountingPull.PullResult first = pull.pull("pmta-sftp");

        assertThat(first.accepted()).isEqualTo(3);
        Files.writeString(file, " second part\",bad-mailbox,203.0.113.10,v203-0-113-10,gmail.com/v\n" + records(5, 6),
                StandardOpenOption.APPEND);
        AccountingPull.PullResult second = pull.pull("pmta-sftp");
        assertThat(second.accepted()).as("the completed record and the new ones").isEqualTo(3);
        assertThat(second.duplicates()).isZero();
        assertThat(pull.pull("pmta-sftp").filesRead()).as("nothing new: the file is skipped").isZero();
        assertThat(bouncesTo(Pattern.compile("\"r4@gmail\\.com\""))).as("the record split across two reads, published once")
                .isEqualTo(1);
        assertThat(registry.get(AccountingPull.PENDING).tag("host", "pmta-sftp").gauge().value()).isZero();
    }

    @Test
    void rotationRenameIsNotReadAgainAndTheNewFileIsRead() throws Exception {
        Path file = acct.resolve("acct.csv");
        Files.writeString(file, HEADER + records(101, 110));
        Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2026-11-24T11:00:00Z")));
        assertThat(pull.pull("pmta-sftp").accepted()).isEqualTo(10);

        Files.move(file, acct.resolve("acct-2026-11-24-1100.csv"));
        Files.writeString(file, HEADER + records(111, 115));
        AccountingPull.PullResult afterRotation = pull.pull("pmta-sftp");

        assertThat(afterRotation.accepted()).isEqualTo(5);
        assertThat(afterRotation.duplicates()).as("the renamed file is recognised by its fingerprint").isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM pull_checkpoint WHERE file_name = 'acct-2026-11-24-1100.csv'", Long.class))
                .isEqualTo(1);
    }

    @Test
    void connectionDroppedMidFileResumesWithoutLossOrDuplicates() throws Exception {
        Files.writeString(acct.resolve("acct-2026-11-24-1200.csv"), HEADER + records(201, 300));
        AccountingPull flaky = new AccountingPull(droppingAfter(5000), checkpoints, ingestion, csv, tx, Clock.systemUTC(),
                registry, 2048, 65536);

        assertThatThrownBy(() -> flaky.pull("pmta-sftp")).isInstanceOf(IOException.class).hasMessageContaining("connection reset");
        Pattern ofTheFile = Pattern.compile("\"r(2\\d\\d|300)@gmail\\.com\"");
        long partly = bouncesTo(ofTheFile);
        AccountingPull.PullResult resumed = pull.pull("pmta-sftp");

        assertThat(partly).as("some chunks were committed before the drop").isPositive().isLessThan(100);
        assertThat(resumed.duplicates()).as("resumed at the committed checkpoint").isZero();
        assertThat(bouncesTo(ofTheFile)).as("every hard bounce of the file exactly once").isEqualTo(100);
    }

    @Test
    void aRotationBetweenTheFingerprintAndTheReadLosesNothing() throws Exception {
        Path live = acct.resolve("acct.csv");
        Files.writeString(live, HEADER + records(401, 410));
        // The host rotates right after the pull fingerprinted the live file and before it opens it to read:
        // the name then leads to the new live file, longer than the one fingerprinted.
        AccountingPull racing = new AccountingPull(rotatingBeforeTheRead(live, HEADER + records(411, 422)), checkpoints,
                ingestion, csv, tx, Clock.systemUTC(), registry, 2048, 65536);

        racing.pull("pmta-sftp");
        pull.pull("pmta-sftp");

        assertThat(bouncesTo(Pattern.compile("\"r4\\d\\d@gmail\\.com\""))).as("the bounces of both files, each once")
                .isEqualTo(22);
    }

    @Test
    void aStrayQuoteInAnUnquotedFieldDoesNotStopThePullAtItsRecord() throws Exception {
        // The diagnostic is not quoted as a field but holds one quote: an ordinary character to the CSV parser.
        String stray = "b,2026-11-24 10:30:00+0000,r500@gmail.com,5.1.1,smtp;550 5.1.1 \"user unknown,bad-mailbox,"
                + "203.0.113.10,v203-0-113-10,gmail.com/v203-0-113-10\n";
        Files.writeString(acct.resolve("acct-2026-11-24-1300.csv"), HEADER + records(501, 502) + stray + records(503, 510));
        AccountingPull small = new AccountingPull(sftp, checkpoints, ingestion, csv, tx, Clock.systemUTC(), registry, 2048, 65536);

        AccountingPull.PullResult result = small.pull("pmta-sftp");

        assertThat(result.accepted()).as("every record, read in chunks of 2 KB").isEqualTo(11);
        assertThat(result.rejected()).isZero();
        assertThat(registry.get(AccountingPull.PENDING).tag("host", "pmta-sftp").gauge().value()).as("nothing left unread").isZero();
        assertThat(bouncesTo(Pattern.compile("\"r5\\d\\d@gmail\\.com\""))).isEqualTo(11);
    }

    @Test
    void refusesAHostWhoseKeyDoesNotMatchThePin() {
        BounceIngestProperties.PullHost wrongPin = new BounceIngestProperties.PullHost("pmta-evil", "127.0.0.1",
                server.getPort(), "pmta", "SHA256:" + "A".repeat(43), clientKey.toString(), "/var/log/pmta", null);
        SftpAccountingFiles files = new SftpAccountingFiles(List.of(wrongPin), Duration.ofSeconds(5));

        assertThatThrownBy(() -> files.connect("pmta-evil")).isInstanceOf(IOException.class)
                .hasMessageContaining("pmta-evil");
    }

    /** Hard bounces r{from}..r{to}@gmail.com, one per line. */
    private static String records(int from, int to) {
        StringBuilder out = new StringBuilder();
        for (int i = from; i <= to; i++) {
            out.append("b,2026-11-24 10:").append(String.format("%02d:%02d", (i / 60) % 60, i % 60)).append("+0000,r").append(i)
                    .append("@gmail.com,5.1.1 (bad mailbox),\"smtp;550-5.1.1 The email account that you tried to reach does not exist, ")
                    .append("please check\",bad-mailbox,203.0.113.10,v203-0-113-10,gmail.com/v203-0-113-10\n");
        }
        return out.toString();
    }

    /**
     * Before the second opening of a file (the read of its content, after the fingerprint), the host
     * rotates: the live file is renamed and a new one with {@code next} takes its name.
     */
    private RemoteAccountingFiles rotatingBeforeTheRead(Path live, String next) {
        return withOpenings((opening, open) -> {
            if (opening == 2) {
                Files.move(live, live.resolveSibling("acct-2026-11-24-1300.csv"));
                Files.writeString(live, next);
            }
            return open.open();
        });
    }

    /** The first read of the file's content (after the fingerprint read) breaks after {@code bytes}. */
    private RemoteAccountingFiles droppingAfter(long bytes) {
        return withOpenings((opening, open) -> opening != 2 ? open.open() : new FilterInputStream(open.open()) {
            long served;

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (served >= bytes) {
                    throw new IOException("connection reset");
                }
                int n = super.read(b, off, (int) Math.min(len, Math.max(1, bytes - served)));
                served += Math.max(0, n);
                return n;
            }
        });
    }

    /** The host's files over SFTP, each opening of a file (numbered from 1 across connections) passed through {@code hook}. */
    private RemoteAccountingFiles withOpenings(OpeningHook hook) {
        AtomicInteger openings = new AtomicInteger();
        return host -> {
            RemoteAccountingFiles.Connection real = sftp.connect(host);
            return new RemoteAccountingFiles.Connection() {
                @Override
                public List<RemoteAccountingFiles.RemoteFile> list() throws IOException {
                    return real.list();
                }

                @Override
                public InputStream read(String name, long offset) throws IOException {
                    return hook.open(openings.incrementAndGet(), () -> real.read(name, offset));
                }

                @Override
                public void close() {
                    real.close();
                }
            };
        };
    }

    private interface OpeningHook {
        InputStream open(int opening, Opening open) throws IOException;
    }

    private interface Opening {
        InputStream open() throws IOException;
    }
}
