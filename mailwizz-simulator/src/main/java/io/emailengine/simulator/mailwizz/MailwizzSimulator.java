package io.emailengine.simulator.mailwizz;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A MailWizz installation for the sandbox and end-to-end tests: the HTTP API subset the gateway uses (real paths
 * under {@code /api/index.php}, PHP form encoding, 2.x and signed 1.x keys, MailWizz's envelopes and status codes)
 * and a real MariaDB ({@code mailwizz} database) holding {@code mw_delivery_server}, with a database user limited
 * exactly as the production README tells operators, and a trigger that records every quota write with its time.
 *
 * <p>Thread-safe. {@link #start()} wipes {@code <dataDirectory>/mariadb}: every start is a fresh MailWizz.
 */
public final class MailwizzSimulator implements AutoCloseable {

    /** The limited database account, as in the README: {@code GRANT SELECT, UPDATE (hourly_quota, daily_quota)}. */
    public static final String DATABASE_USER = "email_engine";
    public static final String API_PATH = "/api/index.php";
    private static final Logger log = LoggerFactory.getLogger(MailwizzSimulator.class);
    private static final int KEPT_REQUESTS = 10_000;
    private static final String NODELAY = "sun.net.httpserver.nodelay";
    private static final long POLL_MILLIS = 20;
    private static final Pattern VMTA = Pattern.compile("s:13:\"X-Virtual-MTA\";s:5:\"value\";s:\\d+:\"([^\"]*)\"");

    private final MailwizzSimulatorOptions options;
    private final String databasePassword;
    private final Map<Long, String> customerNames;
    private final List<Consumer<QuotaChange>> listeners = new CopyOnWriteArrayList<>();
    private final ArrayDeque<RecordedRequest> requests = new ArrayDeque<>();
    // read by callers' threads while start/stop run under the lock
    private volatile EmbeddedMariaDb mariadb;
    private volatile Db db;
    private Db pollDb;
    private volatile HttpServer http;
    private ExecutorService httpThreads;
    private ScheduledExecutorService poller;
    private ApiHandler api;
    private MailwizzData data;
    private volatile long lastSeenChange;

    public MailwizzSimulator(MailwizzSimulatorOptions options) {
        this.options = options;
        byte[] secret = new byte[18];
        new SecureRandom().nextBytes(secret);
        this.databasePassword = HexFormat.of().formatHex(secret);
        Map<Long, String> names = new LinkedHashMap<>();
        options.apiKeys().forEach(key -> names.putIfAbsent(key.customerId(), key.customerName()));
        options.deliveryServers().forEach(s -> {
            if (s.customerId() != null) {
                names.putIfAbsent(s.customerId(), "customer-" + s.customerId());
            }
        });
        options.lists().forEach(l -> names.putIfAbsent(l.customerId(), "customer-" + l.customerId()));
        this.customerNames = Collections.unmodifiableMap(names);
    }

    public MailwizzSimulatorOptions options() {
        return options;
    }

    /** Starts MariaDB (schema, limited user, seed rows), the quota-change watcher and the HTTP server. */
    public synchronized MailwizzSimulator start() {
        if (http != null) {
            return this;
        }
        long began = System.nanoTime();
        lastSeenChange = 0;
        try {
            mariadb = new EmbeddedMariaDb(options.dataDirectory().resolve("mariadb"), options.binariesDirectory(), options.mariadbPort());
            mariadb.start();
            createDatabase();
            db = new Db(() -> mariadb.connectAsAdmin(Schema.DATABASE));
            data = new MailwizzData(db, options.clock(), options.generatedTraffic());
            seed();
            pollDb = new Db(() -> mariadb.connectAsAdmin(Schema.DATABASE));
            poller = Executors.newSingleThreadScheduledExecutor(daemon("mailwizz-sim-quota-watch"));
            poller.scheduleWithFixedDelay(this::pollQuotaChanges, POLL_MILLIS, POLL_MILLIS, TimeUnit.MILLISECONDS);
            api = new ApiHandler(new Authenticator(options.apiKeys(), options.clock()), new ApiRoutes(db, data), options.clock(),
                    this::record);
            if (System.getProperty(NODELAY) == null) {
                // the JDK server writes headers and body separately: without TCP_NODELAY, Nagle + the client's delayed
                // ACK add ~40 ms to every answer. Read once per JVM, when the first JDK HttpServer is created.
                System.setProperty(NODELAY, "true");
            }
            http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), options.httpPort()), 64);
            http.createContext(ApiHandler.CONTEXT, api);
            http.createContext("/", new StatusPage(this::deliveryServers, this::quotaChanges, this::suppressions, () -> customerNames));
            httpThreads = Executors.newFixedThreadPool(4, daemon("mailwizz-sim-http"));
            http.setExecutor(httpThreads);
            http.start();
        } catch (IOException | SQLException | ch.vorburger.exec.ManagedProcessException | RuntimeException e) {
            stop();
            throw new IllegalStateException("MailWizz simulator did not start: " + e.getMessage(), e);
        }
        log.info("MailWizz simulator started in {} ms: API {}, database {}", (System.nanoTime() - began) / 1_000_000, baseUrl(),
                jdbcUrl());
        return this;
    }

    /** Stops HTTP, the watcher and MariaDB; the data directory stays until the next start. */
    public synchronized void stop() {
        if (http != null) {
            http.stop(0);
            http = null;
        }
        if (httpThreads != null) {
            httpThreads.shutdownNow();
            httpThreads = null;
        }
        if (poller != null) {
            poller.shutdownNow();
            poller = null;
        }
        if (pollDb != null) {
            pollDb.close();
            pollDb = null;
        }
        if (db != null) {
            db.close();
            db = null;
        }
        if (mariadb != null) {
            mariadb.stop();
            mariadb = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    // ---- where to reach it ---------------------------------------------------------------------------------------------

    public int httpPort() {
        return running().getAddress().getPort();
    }

    /** What the gateway's {@code tenants.<t>.base-url} takes, e.g. {@code http://127.0.0.1:PORT/api/index.php}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + httpPort() + API_PATH;
    }

    /** The human page. */
    public String pageUrl() {
        return "http://127.0.0.1:" + httpPort() + "/";
    }

    public int mariadbPort() {
        requireStarted();
        return mariadb.port();
    }

    /** MailWizz's database, for the gateway's {@code jdbc-url}: {@code jdbc:mariadb://127.0.0.1:PORT/mailwizz}. */
    public String jdbcUrl() {
        requireStarted();
        return mariadb.url(Schema.DATABASE);
    }

    public String databaseUser() {
        return DATABASE_USER;
    }

    /** The limited user's password, random per simulator instance (a secret: print it only where keys are printed). */
    public String databasePassword() {
        return databasePassword;
    }

    // ---- what happened -------------------------------------------------------------------------------------------------

    public List<DeliveryServer> deliveryServers() {
        Db current = db();
        return current.tx(() -> {
            List<DeliveryServer> servers = new ArrayList<>();
            for (Map<String, Object> row : current.rows("SELECT * FROM mw_delivery_server ORDER BY server_id")) {
                servers.add(server(row));
            }
            return servers;
        });
    }

    public Optional<DeliveryServer> deliveryServer(long serverId) {
        return deliveryServers().stream().filter(s -> s.serverId() == serverId).findFirst();
    }

    /** Every quota change the trigger recorded, oldest first. */
    public List<QuotaChange> quotaChanges() {
        Db current = db();
        return current.tx(() -> changesAfter(current, 0));
    }

    /** Called (on the watcher thread, about every 20 ms) for each new quota change, in order. */
    public void onQuotaChange(Consumer<QuotaChange> listener) {
        listeners.add(listener);
    }

    public void removeQuotaChangeListener(Consumer<QuotaChange> listener) {
        listeners.remove(listener);
    }

    /** Every bounce, unsubscribe and blacklisting the API was asked for, oldest first. */
    public List<Suppression> suppressions() {
        Db current = db();
        return current.tx(() -> {
            List<Suppression> result = new ArrayList<>();
            for (Map<String, Object> row : current.rows("SELECT * FROM sim_suppression ORDER BY suppression_id")) {
                long customer = ((Number) row.get("customer_id")).longValue();
                result.add(new Suppression(Suppression.Kind.valueOf((String) row.get("kind")), customer,
                        customerNames.getOrDefault(customer, "customer-" + customer), (String) row.get("email"),
                        (String) row.get("reason"), (String) row.get("campaign_uid"), (String) row.get("list_uid"),
                        (String) row.get("subscriber_uid"), instant(row.get("at"))));
            }
            return result;
        });
    }

    /**
     * The customer's subscriptions of an address: list uid → subscriber status ({@code confirmed}, {@code unsubscribed},
     * {@code blacklisted}, ...); empty when the address is in none of the customer's lists.
     */
    public Map<String, String> subscriberStatuses(long customerId, String email) {
        Db current = db();
        return current.tx(() -> {
            Map<String, String> statuses = new LinkedHashMap<>();
            for (Map<String, Object> row : current.rows("SELECT l.list_uid, s.status FROM mw_list_subscriber s JOIN mw_list l"
                    + " ON l.list_id = s.list_id WHERE l.customer_id = ? AND s.email = ? ORDER BY s.subscriber_id", customerId, email)) {
                statuses.put((String) row.get("list_uid"), (String) row.get("status"));
            }
            return statuses;
        });
    }

    /** Whether the address is in MailWizz's global email blacklist ({@code mw_email_blacklist}). */
    public boolean isBlacklisted(String email) {
        return db().tx(() -> data.globallyBlacklisted(email));
    }

    /** The last 10,000 API requests, oldest first. */
    public List<RecordedRequest> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    public void clearRequests() {
        synchronized (requests) {
            requests.clear();
        }
    }

    /** The next {@code count} authenticated API requests answer {@code status} (503: "The application is currently offline."). */
    public void failNextRequests(int count, int status) {
        if (count < 0 || status < 400 || status > 599) {
            throw new IllegalArgumentException("count >= 0 and an error status 400..599 expected");
        }
        running();
        api.failNextRequests(count, status);
    }

    /**
     * Makes a Message-ID known as a message of the customer's sandbox campaign to {@code email} (as MailWizz's
     * delivery log would after sending), for traffic whose recipient is not written in the Message-ID.
     */
    public void recordDelivery(long customerId, String messageId, String email) {
        if (!MailwizzData.validEmail(email)) {
            throw new IllegalArgumentException("not an email address");
        }
        String id = messageId.trim();
        if (id.startsWith("<") && id.endsWith(">")) {
            id = id.substring(1, id.length() - 1);
        }
        String stripped = id;
        db().tx(() -> {
            data.recordDelivery(customerId, stripped, email);
            return null;
        });
    }

    /** Lines for the sandbox's start summary; no secrets. */
    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        lines.add("MailWizz simulator: API " + baseUrl() + " | page " + pageUrl());
        lines.add("  database " + jdbcUrl() + " user " + DATABASE_USER
                + " (SELECT on mw_delivery_server, UPDATE of hourly_quota, daily_quota only)");
        for (ApiCredentials key : options.apiKeys()) {
            lines.add("  customer " + key.customerId() + " '" + key.customerName() + "': " + (key.signed()
                    ? "1.x signed key pair (api-version 1)" : "2.x X-API-KEY (api-version 2)"));
        }
        for (DeliveryServer s : deliveryServers()) {
            lines.add("  delivery server " + s.serverId() + " '" + s.name() + "' host " + s.hostname()
                    + (s.virtualMta() == null ? "" : " X-Virtual-MTA " + s.virtualMta())
                    + " customer " + (s.customerId() == null ? "(shared)" : s.customerId())
                    + " quota " + s.hourlyQuota() + "/h " + s.dailyQuota() + "/day");
        }
        if (options.generatedTraffic()) {
            lines.add("  generated traffic: any address is a subscriber of the customer's sandbox list; Message-ID"
                    + " <x~local=domain@host> is a message to local@domain");
        }
        return lines;
    }

    // ---- internals -----------------------------------------------------------------------------------------------------

    private void createDatabase() throws SQLException {
        try (java.sql.Connection root = mariadb.connectAsAdmin(""); java.sql.Statement sql = root.createStatement()) {
            sql.execute("CREATE DATABASE `" + Schema.DATABASE + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
            sql.execute("USE `" + Schema.DATABASE + "`");
            for (String ddl : Schema.TABLES) {
                sql.execute(ddl);
            }
            // anonymous accounts would shadow the limited user for local connections
            List<String> anonymous = new ArrayList<>();
            try (java.sql.ResultSet rs = sql.executeQuery("SELECT Host FROM mysql.user WHERE User = ''")) {
                while (rs.next()) {
                    anonymous.add(rs.getString(1));
                }
            }
            for (String host : anonymous) {
                try (java.sql.PreparedStatement drop = root.prepareStatement("DROP USER ?@?")) {
                    drop.setString(1, "");
                    drop.setString(2, host);
                    drop.execute();
                }
            }
            // the password is hex (no quoting issue); account management statements take no bind parameters
            sql.execute("CREATE USER '" + DATABASE_USER + "'@'%' IDENTIFIED BY '" + databasePassword + "'");
            sql.execute("GRANT SELECT, UPDATE (hourly_quota, daily_quota) ON `" + Schema.DATABASE + "`.`mw_delivery_server` TO '"
                    + DATABASE_USER + "'@'%'");
        }
    }

    private void seed() {
        db.tx(() -> {
            for (Map.Entry<Long, String> customer : customerNames.entrySet()) {
                data.createCustomer(customer.getKey(), customer.getValue());
            }
            for (DeliveryServerSeed s : options.deliveryServers()) {
                db.update("INSERT INTO mw_delivery_server (server_id, customer_id, warmup_plan_id, type, name, hostname, port,"
                        + " from_email, probability, hourly_quota, daily_quota, monthly_quota, pause_after_send, max_connection_messages,"
                        + " meta_data, status, date_added, last_updated) VALUES (?, ?, ?, 'smtp-pmta', ?, ?, 25, ?, 100, ?, ?, 0, 0, 1, ?,"
                        + " 'active', ?, ?)", s.serverId(), s.customerId(), s.warmupPlanId(), s.name(), s.hostname(),
                        "news@sandbox.invalid", s.hourlyQuota(), s.dailyQuota(), metaData(s.virtualMta()), data.now(), data.now());
            }
            for (ListSeed l : options.lists()) {
                Map<String, Object> list = data.createList(l.customerId(), l.listUid(), l.name(), null);
                long listId = ((Number) list.get("list_id")).longValue();
                for (String email : l.subscriberEmails()) {
                    data.createSubscriber(listId, email, "confirmed", "import");
                }
            }
            if (options.generatedTraffic()) {
                // created up front so that lists and campaigns look the same whatever the first call was
                for (ApiCredentials key : options.apiKeys()) {
                    data.sandboxCampaign(key.customerId());
                }
            }
            return null;
        });
    }

    /** MailWizz's PHP-serialized meta_data with the additional header {@code X-Virtual-MTA}. */
    static byte[] metaData(String virtualMta) {
        if (virtualMta == null) {
            return "a:1:{s:18:\"additional_headers\";a:0:{}}".getBytes(StandardCharsets.UTF_8);
        }
        int length = virtualMta.getBytes(StandardCharsets.UTF_8).length;
        return ("a:1:{s:18:\"additional_headers\";a:1:{i:0;a:2:{s:4:\"name\";s:13:\"X-Virtual-MTA\";s:5:\"value\";s:" + length + ":\""
                + virtualMta + "\";}}}").getBytes(StandardCharsets.UTF_8);
    }

    private static DeliveryServer server(Map<String, Object> row) {
        String virtualMta = null;
        if (row.get("meta_data") instanceof byte[] meta) {
            Matcher m = VMTA.matcher(new String(meta, StandardCharsets.UTF_8));
            if (m.find()) {
                virtualMta = m.group(1);
            }
        }
        return new DeliveryServer(number(row, "server_id"), nullableNumber(row, "customer_id"), (String) row.get("type"),
                (String) row.get("name"), (String) row.get("hostname"), virtualMta, (String) row.get("status"),
                number(row, "hourly_quota"), number(row, "daily_quota"), number(row, "monthly_quota"),
                nullableNumber(row, "warmup_plan_id"));
    }

    private static List<QuotaChange> changesAfter(Db from, long changeId) throws SQLException {
        List<QuotaChange> changes = new ArrayList<>();
        for (Map<String, Object> row : from.rows("SELECT * FROM sim_delivery_server_change WHERE change_id > ? ORDER BY change_id",
                changeId)) {
            changes.add(new QuotaChange(number(row, "change_id"), number(row, "server_id"), number(row, "old_hourly_quota"),
                    number(row, "new_hourly_quota"), number(row, "old_daily_quota"), number(row, "new_daily_quota"),
                    instant(row.get("changed_at")), (String) row.get("changed_by")));
        }
        return changes;
    }

    private void pollQuotaChanges() {
        try {
            Db from = pollDb;
            if (from == null) {
                return;
            }
            List<QuotaChange> fresh = from.tx(() -> changesAfter(from, lastSeenChange));
            for (QuotaChange change : fresh) {
                lastSeenChange = change.changeId();
                for (Consumer<QuotaChange> listener : listeners) {
                    try {
                        listener.accept(change);
                    } catch (RuntimeException e) {
                        log.warn("A quota change listener failed: {}", e.toString());
                    }
                }
            }
        } catch (RuntimeException e) {
            log.debug("Quota change poll failed (database stopping?): {}", e.toString());
        }
    }

    private void record(RecordedRequest request) {
        synchronized (requests) {
            if (requests.size() >= KEPT_REQUESTS) {
                requests.removeFirst();
            }
            requests.addLast(request);
        }
    }

    private static long number(Map<String, Object> row, String column) {
        return ((Number) row.get(column)).longValue();
    }

    private static Long nullableNumber(Map<String, Object> row, String column) {
        Object value = row.get(column);
        return value == null ? null : ((Number) value).longValue();
    }

    private static java.time.Instant instant(Object value) {
        if (value instanceof Timestamp ts) {
            return ts.toLocalDateTime().toInstant(ZoneOffset.UTC);
        }
        if (value instanceof java.time.LocalDateTime ldt) {
            return ldt.toInstant(ZoneOffset.UTC);
        }
        throw new IllegalStateException("not a datetime: " + value);
    }

    private HttpServer running() {
        HttpServer server = http;
        if (server == null) {
            throw new IllegalStateException("the MailWizz simulator is not started");
        }
        return server;
    }

    private void requireStarted() {
        if (mariadb == null) {
            throw new IllegalStateException("the MailWizz simulator is not started");
        }
    }

    private Db db() {
        Db current = db;
        if (current == null) {
            throw new IllegalStateException("the MailWizz simulator is not started");
        }
        return current;
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
