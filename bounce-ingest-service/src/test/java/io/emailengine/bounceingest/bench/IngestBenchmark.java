package io.emailengine.bounceingest.bench;

import io.emailengine.bounceingest.BounceIngestServiceApplication;
import io.emailengine.bounceingest.application.parse.AccountingCsvReader;
import io.emailengine.bounceingest.application.parse.RecordSink;
import io.emailengine.bounceingest.domain.AccountingRecord;
import io.emailengine.bounceingest.domain.Classifier;
import io.emailengine.bounceingest.domain.ProviderResolver;
import io.emailengine.bounceingest.domain.RecordInterpreter;
import io.emailengine.bounceingest.domain.RejectedLine;
import io.emailengine.bounceingest.domain.SignalTable;
import io.emailengine.events.EventType;
import io.emailengine.events.provider.ProviderCatalogue;
import io.emailengine.testsupport.RealInfrastructureProperties;
import io.emailengine.testsupport.TestKafka;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Throughput of accounting ingestion on a generated realistic file (≈95% deliveries, 2% transient
 * failures with some provider signals, 2% bounces, 1% remote bounces; 20 IPs of 2 tenants, four
 * provider families), all in one run:
 * <ol>
 *   <li>parse only (CSV to records),</li>
 *   <li>parse + classify (+ provider attribution and record key),</li>
 *   <li>the full pipeline: the file POSTed as a stream to {@code /api/v1/accounting} of the real
 *       service (real PostgreSQL, real Kafka from test-support): dedupe keys, counters, outbox rows
 *       committed per batch (until the HTTP answer), then until the outbox relay has published
 *       every BounceReceived to the broker. The DeliveryReport job runs as configured (every 30 s):
 *       the records' windows have ended, so it reports the cells of the posts before.</li>
 * </ol>
 * Remote bounces are written as PowerMTA writes them, without source IP, vmta or queue, and name the
 * Message-ID of a message delivered a few thousand records earlier: they are attributed through the
 * Message-ID map (a post fails unless every record is accepted and attributed).
 *
 * <p>Steady state, as in a service that has been up for a while: the parse phases run three
 * warm-up passes, then three measured passes each (the median is reported); the service gets
 * warm-up posts of other records (the days before, oldest first) until the JIT compilers spent less than a
 * tenth of a post compiling during it ({@code -DmaxWarmUpPosts}, 8), each printed, then three measured
 * posts back to back (the file of the parse phases and the two days after it; the median is
 * reported). Each measured post prints its CPU time per record, the JVM's (service, embedded broker
 * and HTTP client) and PostgreSQL's, read from {@code /proc}, which varies less from run to run than
 * the throughput, and the WAL it wrote. Heap in use is printed after each phase (the reader streams:
 * it does not grow with the file).
 *
 * <p>Run: {@code ./mvnw -B -o -q -pl bounce-ingest-service test-compile
 * org.codehaus.mojo:exec-maven-plugin:3.5.1:java -Dexec.mainClass=io.emailengine.bounceingest.bench.IngestBenchmark
 * -Dexec.classpathScope=test
 * [-Dexec.args="1000000"]}. Options after the record count: {@code no-origins}, the service does not learn
 * Message-ID origins ({@code message-origin-retention=0s}; the remote bounces are then kept aside
 * unattributed, which the post accepts); {@code statements}, PostgreSQL's time per
 * statement during the measured posts is printed (pg_stat_statements, preloaded by the test servers);
 * {@code parse-only}, the service is not started,
 * which lets the streaming claim be checked under a small heap, e.g. {@code java -Xmx64m -cp ...
 * io.emailengine.bounceingest.bench.IngestBenchmark 1000000 parse-only}.
 */
public final class IngestBenchmark {

    private static final String TOKEN = "bench-ingest-token";
    private static final String HEADER = "type,timeLogged,timeQueued,orig,rcpt,orcpt,dsnAction,dsnStatus,dsnDiag,dsnMta,"
            + "bounceCat,srcType,srcMta,dlvType,dlvSourceIp,dlvDestinationIp,dlvEsmtpAvailable,dlvSize,vmta,jobId,envId,"
            + "queue,vmtaPool,header_Message-Id\n";
    private static final String[][] DOMAINS = {
            {"gmail.com", "gmail.com", "gmail-smtp-in.l.google.com (142.250.27.27)"},
            {"hotmail.com", "outlook.rollup", "hotmail-com.olc.protection.outlook.com (52.101.8.36)"},
            {"yahoo.com", "yahoo.rollup", "mta5.am0.yahoodns.net (67.195.204.72)"},
            {"example.org", "example.org", "mx.example.org (192.0.2.25)"}};
    private static final Instant START = Instant.parse("2026-11-20T08:00:00Z");
    /** Passes over the file before the measured parse passes. */
    private static final int PARSE_WARM_UP_PASSES = 3;
    private static final int MEASURED_PASSES = 3;
    /** Measured posts, one after the other; the median is the figure (single posts vary by 10 - 20%). */
    private static final int MEASURED_POSTS = 5;
    /**
     * Warm-up posts before the measured ones (each of other records, days earlier: none is a duplicate)
     * go on until the JIT compilers spent less than a 25th of a post's duration compiling during two
     * posts in a row, at most this many. Methods run once per batch or transaction reach the
     * optimising compiler only after thousands of calls, ten or more posts of 200 batches: with eight
     * warm-up posts, they were still compiled during the measured posts (0.6 - 1.4 s of a 5 - 7 s post).
     */
    private static final int MAX_WARM_UP_POSTS = Integer.getInteger("maxWarmUpPosts", 24);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ssxx").withZone(ZoneOffset.UTC);

    private IngestBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        try {
            run(args);
        } catch (Throwable e) {
            e.printStackTrace();
            // The embedded broker leaves non-daemon threads behind: without this a failure would hang.
            System.exit(1);
        }
    }

    private static void run(String[] args) throws Exception {
        int records = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        java.util.Set<String> options = java.util.Set.of(java.util.Arrays.copyOfRange(args, Math.min(1, args.length), args.length));
        for (String option : options) {
            if (!java.util.Set.of("parse-only", "no-origins", "statements").contains(option)) {
                throw new IllegalArgumentException("unknown option '" + option + "' (parse-only, no-origins, statements)");
            }
        }
        Path file = Files.createTempFile("acct-bench-", ".csv");
        try {
            generate(file, records);
            long bytes = Files.size(file);
            System.out.printf(Locale.ROOT, "generated %,d records, %,.1f MB, max heap %,d MB%n", records, bytes / 1e6,
                    Runtime.getRuntime().maxMemory() / (1024 * 1024));
            AccountingCsvReader csv = new AccountingCsvReader(65536);
            RecordInterpreter interpreter = new RecordInterpreter(new Classifier(SignalTable.defaults()),
                    new ProviderResolver(ProviderCatalogue.defaults()));
            // Warm-up passes so the JIT does not bill the measured ones, then the median of three passes each.
            for (int pass = 0; pass < PARSE_WARM_UP_PASSES; pass++) {
                parse(file, csv, null);
                parse(file, csv, interpreter);
            }
            double parseOnly = median("parse only", records, () -> parse(file, csv, null));
            double classify = median("parse + classify", records, () -> parse(file, csv, interpreter));
            if (options.contains("parse-only")) {
                return;
            }
            // "no-origins": without learning Message-ID -> sender (what that map costs per record).
            double full = fullPipeline(file, records, options.contains("no-origins"), options.contains("statements"));
            System.out.printf(Locale.ROOT, "full pipeline / parse only = %.0f%%%n", 100 * full / parseOnly);
            System.out.printf(Locale.ROOT, "parse + classify / parse only = %.0f%%%n", 100 * classify / parseOnly);
        } finally {
            Files.deleteIfExists(file);
        }
        // The embedded broker and the service leave non-daemon threads behind.
        System.exit(0);
    }

    private interface Phase {
        long run() throws Exception;
    }

    /** Runs the phase {@link #MEASURED_PASSES} times; prints and returns the median rate. */
    private static double median(String name, int records, Phase phase) throws Exception {
        double[] rates = new double[MEASURED_PASSES];
        for (int pass = 0; pass < rates.length; pass++) {
            long start = System.nanoTime();
            long count = phase.run();
            double seconds = (System.nanoTime() - start) / 1e9;
            if (count != records) {
                throw new IllegalStateException(name + ": expected " + records + " records, got " + count);
            }
            rates[pass] = records / seconds;
        }
        double[] sorted = rates.clone();
        java.util.Arrays.sort(sorted);
        double median = sorted[sorted.length / 2];
        System.out.printf(Locale.ROOT, "%-28s %,10.0f records/s  (median of %d passes, %,.0f - %,.0f; heap in use %,d MB)%n", name,
                median, rates.length, sorted[0], sorted[sorted.length - 1], heapMb());
        return median;
    }

    private static long parse(Path file, AccountingCsvReader csv, RecordInterpreter interpreter) throws IOException {
        long[] count = {0};
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            csv.read(in, 1, null, new RecordSink() {
                @Override
                public void record(AccountingRecord record) {
                    if (interpreter != null) {
                        interpreter.interpret(record);
                    }
                    count[0]++;
                }

                @Override
                public void rejected(RejectedLine line) {
                    throw new IllegalStateException("generated line rejected: " + line);
                }
            });
        }
        return count[0];
    }

    private static double fullPipeline(Path file, int records, boolean noOrigins, boolean statements) throws Exception {
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(BounceIngestServiceApplication.class)
                .properties(RealInfrastructureProperties.forService("ingest-benchmark"))
                .properties(
                        "email-engine.bounce-ingest.message-origin-retention=" + (noOrigins ? "0s" : "7d"),
                        "email-engine.bounce-ingest.sources[0].name=bench",
                        "email-engine.bounce-ingest.sources[0].token-hash=" + io.emailengine.kit.security.ApiKeys.hash(TOKEN),
                        "logging.level.root=WARN",
                        "logging.level.io.emailengine=WARN")
                // Arguments win over application.yml (default properties would not): any free port.
                .run("--server.port=0");
             // One client for the whole run, used in the warm-up posts as in the measured ones: a client
             // made per post brings new connections and code paths (the broker's and the producer's
             // shared Kafka code recompiled) into every measured post.
             AdminClient admin = AdminClient.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                     TestKafka.get().bootstrapServers()))) {
            JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
            for (int ip = 0; ip < 20; ip++) {
                jdbc.update("INSERT INTO ip_attribution (ip, tenant_id, vmta, host_id, pool, learned_at) VALUES (?, ?, ?, 'pmta-1', null, now())",
                        "203.0.113." + (10 + ip), ip % 2 == 0 ? "tenant-a" : "tenant-b", "v203-0-113-" + (10 + ip));
            }
            int port = ((WebServerApplicationContext) context).getWebServer().getPort();
            HttpClient http = HttpClient.newHttpClient();
            // Warm-up posts (other records), as the parse phases had their warm-up passes: the measured post
            // then runs compiled code, as a service that has been up for a while does. A freshly started
            // JVM keeps compiling (Kafka broker, JDBC, JDK and service code) for several posts.
            java.lang.management.CompilationMXBean jit = java.lang.management.ManagementFactory.getCompilationMXBean();
            int quietPosts = 0;
            for (int round = 1; ; round++) {
                Path warmUp = Files.createTempFile("acct-bench-warm-up-", ".csv");
                try {
                    // Records of the days before the measured post's, oldest first, as a PowerMTA host writes
                    // them: a batch reads only the latest chunk of its lanes (posts going back in time made
                    // each batch read the chunks of every earlier post, and slowed each warm-up post more).
                    generate(warmUp, records, Long.MAX_VALUE, START.minus(Duration.ofDays(MAX_WARM_UP_POSTS + 1 - round)));
                    long eventsBefore = bounceEvents(admin);
                    long compiledBefore = jit.getTotalCompilationTime();
                    long started = System.nanoTime();
                    post(http, port, warmUp, records, !noOrigins);
                    awaitRelayed(jdbc);
                    double seconds = (System.nanoTime() - started) / 1e9;
                    if (bounceEvents(admin) == eventsBefore) {
                        throw new IllegalStateException("warm-up post " + round + " published no BounceReceived");
                    }
                    double compiled = (jit.getTotalCompilationTime() - compiledBefore) / 1e3;
                    System.out.printf(Locale.ROOT, "%-28s %,10.0f records/s  (%.2f s, JIT compiling %.1f s of it)%n",
                            "warm-up post " + round, records / seconds, seconds, compiled);
                    // Two quiet posts in a row: one alone can fall between the compilations of others.
                    quietPosts = compiled < seconds / 25 ? quietPosts + 1 : 0;
                    if (quietPosts == 2 || round >= MAX_WARM_UP_POSTS) {
                        break;
                    }
                } finally {
                    Files.deleteIfExists(warmUp);
                }
            }
            awaitCompilerQuiet();
            if (statements) {
                jdbc.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
                jdbc.queryForList("SELECT pg_stat_statements_reset()");
            }
            Map<String, Long> vacuumsBefore = statements ? vacuums(jdbc) : Map.of();
            // Measured posts, one after the other as a stream would come: the file of the parse phases,
            // then records of the days after it (written beforehand: none is a duplicate).
            List<Path> measured = new java.util.ArrayList<>(List.of(file));
            double[] rates = new double[MEASURED_POSTS];
            try {
                for (int pass = 1; pass < MEASURED_POSTS; pass++) {
                    Path next = Files.createTempFile("acct-bench-measured-", ".csv");
                    measured.add(next);
                    generate(next, records, Long.MAX_VALUE, START.plus(Duration.ofDays(pass)));
                }
                for (int pass = 0; pass < MEASURED_POSTS; pass++) {
                    rates[pass] = measuredPost(jdbc, admin, http, port, measured.get(pass), records, noOrigins, pass + 1);
                }
            } finally {
                for (Path generated : measured.subList(1, measured.size())) {
                    Files.deleteIfExists(generated);
                }
            }
            double[] sorted = rates.clone();
            java.util.Arrays.sort(sorted);
            System.out.printf(Locale.ROOT, "%-28s %,10.0f records/s  (median of %d posts, %,.0f - %,.0f)%n",
                    "full pipeline into Kafka", sorted[MEASURED_POSTS / 2], MEASURED_POSTS, sorted[0], sorted[MEASURED_POSTS - 1]);
            if (statements) {
                printStatements(jdbc);
                jdbc.query("SELECT relname, n_tup_upd, n_tup_hot_upd FROM pg_stat_user_tables WHERE n_tup_upd > 0 ORDER BY relname",
                        rs -> {
                            System.out.printf(Locale.ROOT, "  %s: %,d rows updated, %,d of them in place (HOT)%n",
                                    rs.getString(1), rs.getLong(2), rs.getLong(3));
                        });
                Map<String, Long> vacuumsAfter = vacuums(jdbc);
                vacuumsAfter.forEach((table, count) -> {
                    long ran = count - vacuumsBefore.getOrDefault(table, 0L);
                    if (ran > 0) {
                        System.out.printf(Locale.ROOT, "  autovacuum ran %d time(s) on %s during the measured posts%n", ran, table);
                    }
                });
            }
            long start2 = System.nanoTime();
            HttpResponse<String> again = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/accounting"))
                    .header("Content-Type", "text/csv").header("X-Ingest-Token", TOKEN)
                    .POST(HttpRequest.BodyPublishers.ofFile(file)).timeout(Duration.ofMinutes(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            double repost = (System.nanoTime() - start2) / 1e9;
            System.out.printf(Locale.ROOT, "%-28s %,10.0f records/s  (%.2f s, answer %s)%n", "re-post (all duplicates)",
                    records / repost, repost, again.body().replaceAll(",\"errors\".*", "}"));
            return sorted[MEASURED_POSTS / 2];
        }
    }

    /**
     * One measured post: until the HTTP answer (committed), then until the relay has published every
     * event to the broker; prints both, the CPU time per record and the WAL written. Returns records/s
     * into Kafka.
     */
    private static double measuredPost(JdbcTemplate jdbc, AdminClient admin, HttpClient http, int port,
                                       Path file, int records, boolean noOrigins, int number) throws Exception {
        java.lang.management.CompilationMXBean jit = java.lang.management.ManagementFactory.getCompilationMXBean();
        long eventsBefore = bounceEvents(admin);
        long compiledBefore = jit.getTotalCompilationTime();
        CpuUse cpuBefore = CpuUse.now();
        Map<String, Long> walBefore = wal(jdbc);
        long start = System.nanoTime();
        post(http, port, file, records, !noOrigins);
        double committed = (System.nanoTime() - start) / 1e9;
        awaitRelayed(jdbc);
        double published = (System.nanoTime() - start) / 1e9;
        CpuUse cpu = CpuUse.now().minus(cpuBefore);
        Map<String, Long> walAfter = wal(jdbc);
        long events = bounceEvents(admin) - eventsBefore;
        double compiled = (jit.getTotalCompilationTime() - compiledBefore) / 1e3;
        System.out.printf(Locale.ROOT, "measured post %d%n", number);
        System.out.printf(Locale.ROOT, "  %-26s %,10.0f records/s  (%.2f s, %,d BounceReceived in Kafka)%n",
                "committed (HTTP 200)", records / committed, committed, events);
        System.out.printf(Locale.ROOT, "  %-26s %,10.0f records/s  (%.2f s, JIT compiling %.1f s of it, heap in use %,d MB)%n",
                "into Kafka", records / published, published, compiled, heapMb());
        System.out.printf(Locale.ROOT, "  %-26s %,10.2f µs per record  (JVM: service, broker and client %.2f,"
                        + " PostgreSQL %.2f; %.2f cores busy)%n", "CPU", (cpu.jvmNanos() + cpu.postgresNanos()) / 1e3 / records,
                cpu.jvmNanos() / 1e3 / records, cpu.postgresNanos() / 1e3 / records,
                (cpu.jvmNanos() + cpu.postgresNanos()) / 1e9 / published);
        System.out.printf(Locale.ROOT, "  %-26s %,10.0f bytes per record%n", "PostgreSQL WAL",
                (double) (walAfter.get("bytes") - walBefore.get("bytes")) / records);
        return records / published;
    }

    /**
     * Waits (at most a minute) until the JIT compilers have had a quiet second: on 2 cores one C2
     * thread works off the compilations the service's start and warm-up queued, and would otherwise
     * take a quarter of the CPU from the measured run.
     */
    private static void awaitCompilerQuiet() throws InterruptedException {
        java.lang.management.CompilationMXBean jit = java.lang.management.ManagementFactory.getCompilationMXBean();
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        long waited = System.nanoTime();
        long before = jit.getTotalCompilationTime();
        while (System.nanoTime() < deadline) {
            Thread.sleep(1000);
            long now = jit.getTotalCompilationTime();
            if (now - before < 20) {
                break;
            }
            before = now;
        }
        System.out.printf(Locale.ROOT, "%-28s %.1f s after the warm-up post%n", "JIT quiet", (System.nanoTime() - waited) / 1e9);
    }

    /** The WAL PostgreSQL has written so far: bytes and full-page images (pg_stat_wal). */
    private static Map<String, Long> wal(JdbcTemplate jdbc) {
        return jdbc.queryForObject("SELECT wal_bytes::bigint, wal_fpi FROM pg_stat_wal",
                (rs, n) -> Map.of("bytes", rs.getLong(1), "fpi", rs.getLong(2)));
    }

    /**
     * CPU time used so far by this JVM (the service, the embedded broker and the HTTP client) and by
     * PostgreSQL: its live processes, and through the postmaster's children's times, the ones that
     * ended (autovacuum workers, closed connections). Linux only ({@code /proc}); zero elsewhere.
     */
    private record CpuUse(long jvmNanos, long postgresNanos) {

        static CpuUse now() throws IOException {
            long jvm = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                    .getOperatingSystemMXBean()).getProcessCpuTime();
            long ticks = 0;
            Path proc = Path.of("/proc");
            if (Files.isDirectory(proc)) {
                try (var processes = Files.list(proc)) {
                    for (Path process : processes.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                        String stat;
                        try {
                            stat = Files.readString(process.resolve("stat"));
                        } catch (IOException gone) {
                            continue;
                        }
                        // pid (comm) state ppid ... utime(14) stime(15) cutime(16) cstime(17)
                        if (!stat.contains("(postgres)")) {
                            continue;
                        }
                        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                        ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                        boolean postmaster = !Files.readString(process.resolve("cmdline")).contains("postgres: ");
                        if (postmaster) {
                            ticks += Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
                        }
                    }
                }
            }
            // USER_HZ is 100 on every Linux this runs on.
            return new CpuUse(jvm, ticks * 10_000_000L);
        }

        CpuUse minus(CpuUse before) {
            return new CpuUse(jvmNanos - before.jvmNanos, postgresNanos - before.postgresNanos);
        }
    }

    /** How often autovacuum has vacuumed each table (and its TOAST table) so far. */
    private static Map<String, Long> vacuums(JdbcTemplate jdbc) {
        Map<String, Long> counts = new TreeMap<>();
        jdbc.query("""
                SELECT coalesce(p.relname || ' (TOAST)', t.relname), t.autovacuum_count
                FROM pg_stat_all_tables t LEFT JOIN pg_class p ON p.reltoastrelid = t.relid
                WHERE t.schemaname IN ('public', 'pg_toast')""",
                rs -> {
                    counts.put(rs.getString(1), rs.getLong(2));
                });
        return counts;
    }

    /** PostgreSQL's time per statement during the measured post (its own and the outbox relay's). */
    private static void printStatements(JdbcTemplate jdbc) {
        System.out.println("PostgreSQL statements of the measured posts (pg_stat_statements), by total time:");
        jdbc.query("""
                SELECT calls, total_exec_time, rows, regexp_replace(query, '\\s+', ' ', 'g')
                FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
                ORDER BY total_exec_time DESC LIMIT 12""", rs -> {
            String query = rs.getString(4);
            System.out.printf(Locale.ROOT, "  %,8.0f ms %,7d calls %,9d rows  %s%n", rs.getDouble(2), rs.getLong(1),
                    rs.getLong(3), query.length() > 90 ? query.substring(0, 90) + "..." : query);
        });
        // What the Message-ID map holds and its size on disk (tables with their indexes and TOAST).
        jdbc.query("""
                SELECT coalesce(sum(entries), 0), count(*), string_agg(level || ':' || n, ' ' ORDER BY level),
                       pg_total_relation_size('message_origin_bucket') + pg_total_relation_size('message_origin_run')
                FROM (SELECT level, count(*) AS n, sum(entries) AS entries FROM message_origin_run GROUP BY level) l""", rs -> {
            long entries = rs.getLong(1);
            System.out.printf(Locale.ROOT, "Message-ID map: %,d entries in runs of levels (level:runs) %s, %,.0f MB on disk"
                            + " (%.1f bytes per entry)%n", entries, rs.getString(3), rs.getLong(4) / 1e6,
                    entries == 0 ? 0 : (double) rs.getLong(4) / entries);
        });
    }

    /**
     * Posts the file as one streamed body; every record must be accepted and attributed (the remote
     * bounces through the Message-IDs of the deliveries before them).
     */
    private static void post(HttpClient http, int port, Path file, int records, boolean attributed)
            throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/accounting"))
                .header("Content-Type", "text/csv").header("X-Ingest-Token", TOKEN)
                .POST(HttpRequest.BodyPublishers.ofFile(file)).timeout(Duration.ofMinutes(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200 || !response.body().contains("\"accepted\":" + records + ",")
                || attributed && !response.body().contains("\"unattributed\":0")) {
            throw new IllegalStateException("post of " + file.getFileName() + " failed: " + response.statusCode() + " " + response.body());
        }
    }

    /**
     * How many BounceReceived events the topic holds: the sum of its partitions' end offsets (the
     * relay deletes an event from the outbox once Kafka acknowledged it).
     */
    static long bounceEvents(String bootstrapServers) throws Exception {
        try (AdminClient admin = AdminClient.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            return bounceEvents(admin);
        }
    }

    private static long bounceEvents(AdminClient admin) throws Exception {
        String topic = EventType.BOUNCE_RECEIVED.topic();
        int partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (int p = 0; p < partitions; p++) {
            latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
        return admin.listOffsets(latest).all().get().values().stream().mapToLong(ListOffsetsResultInfo::offset).sum();
    }

    private static void awaitRelayed(JdbcTemplate jdbc) throws InterruptedException {
        // Polls the newest row (one row), not a count of the pending ones, which walks the index
        // entries of every row relayed since the last vacuum and took CPU from the measured post.
        // The relay sends in id order (both tables draw ids from one sequence): once the newest is
        // gone, so is all before it but rows of transactions that committed late, which the second
        // wait is for.
        Long newest = jdbc.queryForObject("SELECT greatest((SELECT max(id) FROM outbox_event), (SELECT max(id) FROM outbox_event_batch))",
                Long.class);
        while (newest != null && jdbc.queryForObject("""
                SELECT EXISTS (SELECT 1 FROM outbox_event WHERE id = ? AND published_at IS NULL)
                    OR EXISTS (SELECT 1 FROM outbox_event_batch WHERE id = ? AND published_at IS NULL)""",
                Boolean.class, newest, newest)) {
            Thread.sleep(20);
        }
        while (jdbc.queryForObject("""
                SELECT EXISTS (SELECT 1 FROM outbox_event WHERE published_at IS NULL)
                    OR EXISTS (SELECT 1 FROM outbox_event_batch WHERE published_at IS NULL)""", Boolean.class)) {
            Thread.sleep(20);
        }
    }

    static void generate(Path file, int records) throws IOException {
        generate(file, records, Long.MAX_VALUE, START);
    }

    static long generate(Path file, long records, long minBytes) throws IOException {
        return generate(file, records, minBytes, START);
    }

    /**
     * Writes the header and records until {@code records} were written or the file reached
     * {@code minBytes}, whichever comes first.
     *
     * @return the number of records written
     */
    static long generate(Path file, long records, long minBytes, Instant start) throws IOException {
        java.util.Random random = new java.util.Random(42);
        // Message-IDs are unique across files (the day is part of them), as MailWizz's are.
        String day = DateTimeFormatter.BASIC_ISO_DATE.withZone(ZoneOffset.UTC).format(start);
        // Recently delivered messages: a remote bounce is about one of them (minutes later).
        String[] delivered = new String[8192];
        String[] deliveredTo = new String[delivered.length];
        long deliveries = 0;
        long bytes = HEADER.length();
        long i = 0;
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(HEADER);
            for (; i < records && bytes < minBytes; i++) {
                String[] domain = DOMAINS[random.nextInt(DOMAINS.length)];
                int ip = random.nextInt(20);
                String sourceIp = "203.0.113." + (10 + ip);
                String vmta = "v203-0-113-" + (10 + ip);
                String time = TIME.format(start.plusMillis(i * 36L));
                String rcpt = "user" + i + "@" + domain[0];
                String job = "cmp-" + (i / 10_000);
                String messageId = "<" + i + "." + job + "." + day + "@mail1.example.com>";
                int roll = random.nextInt(1000);
                String line;
                if (roll >= 990 && deliveries > 0) {
                    // A remote bounce: only the columns PowerMTA writes for rb (no source IP, vmta, queue or
                    // job), and the Message-ID of a message delivered a few thousand records (minutes) earlier,
                    // so it is attributed through the Message-ID map.
                    int about = (int) ((deliveries - 1 - random.nextInt((int) Math.min(deliveries, delivered.length))) % delivered.length);
                    line = "rb," + time + ",,bounces@mail1.example.com," + deliveredTo[about] + ",,failed,5.1.1 (bad destination mailbox address),"
                            + "smtp;550 5.1.1 User unknown," + domain[2] + ",bad-mailbox,smtp,mw.example.com (198.51.100.7),,,,,,,,,,," + delivered[about] + "\n";
                } else {
                    String type;
                    String action;
                    String status;
                    String diag;
                    String category = "";
                    if (roll < 950 || roll >= 990) {
                        type = "d";
                        action = "relayed";
                        status = "2.0.0 (success)";
                        diag = "smtp;250 2.0.0 OK  " + i + " a1si123456qkb.12 - gsmtp";
                        deliveredTo[(int) (deliveries % delivered.length)] = rcpt;
                        delivered[(int) (deliveries++ % delivered.length)] = messageId;
                    } else if (roll < 970) {
                        type = "t";
                        action = "delayed";
                        status = "4.7.0 (other or undefined security status)";
                        diag = roll < 955 ? "\"smtp;421-4.7.28 Gmail has detected an unusual rate of unsolicited mail, rate limited\""
                                : roll < 960 ? "\"smtp;421 4.7.0 [TSS04] Messages from " + sourceIp + " temporarily deferred\""
                                : "smtp;451 4.4.1 try again later";
                        category = "policy-related";
                    } else {
                        type = "b";
                        action = "failed";
                        status = roll < 980 ? "5.1.1 (bad destination mailbox address)" : "5.2.2 (mailbox full)";
                        diag = roll < 980 ? "\"smtp;550-5.1.1 The email account that you tried to reach does not exist, try again\""
                                : "smtp;552 5.2.2 Mailbox full";
                        category = roll < 980 ? "bad-mailbox" : "quota-issues";
                    }
                    line = type + "," + time + "," + time + ",bounces@mail1.example.com," + rcpt + ",," + action + "," + status
                            + "," + diag + "," + domain[2] + "," + category + ",smtp,mw.example.com (198.51.100.7),smtp,"
                            + sourceIp + ",142.250.27.27,\"PIPELINING,SIZE,8BITMIME\",18234," + vmta + "," + job + ",,"
                            + domain[1] + "/" + vmta + ",tenant-" + (ip % 2 == 0 ? "a" : "b") + "," + messageId + "\n";
                }
                out.write(line);
                bytes += line.length();
            }
        }
        return i;
    }

    private static long heapMb() {
        Runtime runtime = Runtime.getRuntime();
        return (runtime.totalMemory() - runtime.freeMemory()) / (1024 * 1024);
    }
}
