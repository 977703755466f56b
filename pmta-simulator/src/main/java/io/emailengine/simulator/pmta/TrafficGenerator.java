package io.emailengine.simulator.pmta;

import io.emailengine.events.provider.ProviderCatalogue;
import io.emailengine.events.provider.ProviderDefinition;
import io.emailengine.events.types.Provider;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays PowerMTA's outbound traffic in simulated time. Every {@code <domain>} block with a {@code max-msg-rate}
 * inside a live virtual MTA is a lane: MailWizz hands it {@code rate × deliveryDemand} messages, PowerMTA sends up
 * to {@code rate}, each send ends delivered, bounced (hard/soft) or deferred (back into the queue) with the
 * provider's odds, and some deliveries draw a complaint. Simulated time is cut into slices of at most one minute;
 * records get times inside their slice and go to every {@code <acct-file>} that records their type. Scripted
 * incidents fire when their simulated day begins. All methods are called under the simulator's lock.
 */
final class TrafficGenerator {

    private static final Logger log = LoggerFactory.getLogger(TrafficGenerator.class);
    private static final Duration SLICE = Duration.ofMinutes(1);
    private static final double EPSILON = 1e-9;
    static final String FALLBACK_ACCOUNTING_FILE = "/var/log/pmta/acct.csv";

    private final PmtaSimulatorOptions options;
    private final ProviderCatalogue catalogue;
    private final Function<String, Path> local;
    private final RecordFactory records;
    private final SplittableRandom random;
    private final Map<String, AccountingWriter> writers = new LinkedHashMap<>();
    private final Map<String, LongAdder> written = new ConcurrentHashMap<>();
    private final Map<String, QueueState> queues = new ConcurrentHashMap<>();
    private final Set<String> pausedQueues;
    private final TreeMap<Long, Long> deliveredPerMinute = new TreeMap<>();
    private Map<String, Lane> lanes = Map.of();
    private LiveConfig laneConfig;
    private Instant trafficStart;
    private Instant last;
    private final boolean[] fired;
    private boolean capWarned;

    TrafficGenerator(PmtaSimulatorOptions options, ProviderCatalogue catalogue, Function<String, Path> local,
                     Set<String> pausedQueues) {
        this.options = options;
        this.catalogue = catalogue;
        this.local = local;
        this.records = new RecordFactory(options.hostName());
        this.random = new SplittableRandom(options.seed());
        this.pausedQueues = pausedQueues;
        this.fired = new boolean[options.incidents().size()];
    }

    /** Queue {@code domain/vmta} as {@code pmta show queues} reports it. */
    static final class QueueState {
        final String domain;
        final String vmta;
        final String provider;
        long pending;
        int conn;

        QueueState(String domain, String vmta, String provider) {
            this.domain = domain;
            this.vmta = vmta;
            this.provider = provider;
        }
    }

    /** One {@code <domain>} block with a rate inside a virtual MTA. */
    private static final class Lane {
        final LiveConfig.VirtualMta vmta;
        final LiveConfig.DomainLimits limits;
        final String provider;
        final List<String> recipientDomains;
        final boolean perRecipientQueue;
        double inflowCredit;
        double sendCredit;

        Lane(LiveConfig.VirtualMta vmta, LiveConfig.DomainLimits limits, String provider, List<String> recipientDomains,
             boolean perRecipientQueue) {
            this.vmta = vmta;
            this.limits = limits;
            this.provider = provider;
            this.recipientDomains = recipientDomains;
            this.perRecipientQueue = perRecipientQueue;
        }

        String queueDomain(String recipientDomain) {
            return perRecipientQueue ? recipientDomain : limits.pattern();
        }
    }

    boolean started() {
        return trafficStart != null;
    }

    Instant trafficStart() {
        return trafficStart;
    }

    void start(Instant now) {
        if (trafficStart == null) {
            trafficStart = now;
        }
        if (last == null || now.isAfter(last)) {
            last = now;
        }
    }

    /**
     * Generates everything from the last step up to {@code now}.
     *
     * @param budget records the real-time cap allows in this step; {@code Long.MAX_VALUE} for none
     * @return records written
     */
    long step(LiveConfig config, Instant now, long budget) {
        if (trafficStart == null || !now.isAfter(last)) {
            return 0;
        }
        if (config.virtualMtas().isEmpty()) {
            last = now;
            return 0;
        }
        refreshLanes(config);
        syncWriters(config);
        double seconds = Duration.between(last, now).toNanos() / 1e9;
        double expected = 0;
        for (Lane lane : lanes.values()) {
            expected += lane.limits.maxMsgRate().perSecond() * seconds;
        }
        double scale = 1.0;
        if (budget != Long.MAX_VALUE && expected > budget) {
            scale = budget / expected;
            if (!capWarned) {
                capWarned = true;
                log.warn("PowerMTA simulator {}: the live rates need about {} accounting records per real second, more than "
                        + "maxRecordsPerSecond={}; writing at the cap (records are thinned proportionally)",
                        options.hostName(), Math.round(expected / Math.max(1e-3, budget) * options.maxRecordsPerSecond()),
                        options.maxRecordsPerSecond());
            }
        }
        long count = 0;
        Instant t = last;
        while (t.isBefore(now)) {
            Instant end = min(now, minuteAfter(t));
            count += incidents(config, t, end);
            count += slice(t, end, scale);
            t = end;
        }
        last = now;
        return count;
    }

    private static Instant minuteAfter(Instant t) {
        long s = SLICE.getSeconds();
        return Instant.ofEpochSecond(Math.floorDiv(t.getEpochSecond(), s) * s + s);
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private long slice(Instant from, Instant to, double scale) {
        double seconds = Duration.between(from, to).toNanos() / 1e9;
        long spanNanos = Duration.between(from, to).toNanos();
        List<AccountingWriter.Line> lines = new ArrayList<>();
        Map<String, Long> sentPerQueue = new HashMap<>();
        for (Lane lane : lanes.values()) {
            double perSecond = lane.limits.maxMsgRate().perSecond() * scale;
            lane.inflowCredit += perSecond * seconds * options.deliveryDemand();
            long inflow = (long) Math.floor(lane.inflowCredit + EPSILON);
            lane.inflowCredit -= inflow;
            List<QueueState> laneQueues = new ArrayList<>();
            for (long i = 0; i < inflow; i++) {
                String domain = lane.recipientDomains.get(random.nextInt(lane.recipientDomains.size()));
                queue(lane.queueDomain(domain), lane).pending++;
            }
            for (String domain : lane.perRecipientQueue ? lane.recipientDomains : List.of(lane.limits.pattern())) {
                QueueState q = queues.get(lane.queueDomain(domain) + "/" + lane.vmta.name());
                if (q != null) {
                    laneQueues.add(q);
                }
            }
            lane.sendCredit += perSecond * seconds;
            long capacity = (long) Math.floor(lane.sendCredit + EPSILON);
            // Unused capacity is not saved up: a rate limit is a rate, not a bucket of past silence.
            lane.sendCredit = Math.max(0, lane.sendCredit - capacity);
            RecordFactory.Odds odds = RecordFactory.Odds.of(lane.provider);
            for (long i = 0; i < capacity; i++) {
                QueueState q = pick(laneQueues);
                if (q == null) {
                    break;
                }
                q.pending--;
                sentPerQueue.merge(q.domain + "/" + q.vmta, 1L, Long::sum);
                String rcptDomain = lane.perRecipientQueue ? q.domain : lane.recipientDomains.get(random.nextInt(lane.recipientDomains.size()));
                String rcpt = RecordFactory.recipient(rcptDomain, random);
                Instant time = from.plusNanos(spanNanos <= 1 ? 0 : random.nextLong(spanNanos));
                Instant queued = time.minusSeconds(random.nextInt(1, 120));
                RecordFactory.Route route = route(lane.vmta, lane.provider, q.domain);
                RecordFactory.Outcome outcome = odds.draw(random);
                AccountingWriter.Line line = records.outcome(outcome, route, rcpt, time, queued, random);
                lines.add(line);
                if (outcome == RecordFactory.Outcome.DEFERRED) {
                    q.pending++;
                } else if (outcome == RecordFactory.Outcome.DELIVERED && random.nextDouble() < odds.complaint()) {
                    lines.add(records.complaint(route, rcpt, time, line.fields().get(AccountingWriter.MESSAGE_ID)));
                }
            }
        }
        for (QueueState q : queues.values()) {
            Long sent = sentPerQueue.get(q.domain + "/" + q.vmta);
            LiveConfig.DomainLimits limits = lanes.values().stream()
                    .filter(l -> l.vmta.name().equals(q.vmta) && l.queueDomain(q.domain).equals(q.domain))
                    .map(l -> l.limits).findFirst().orElse(null);
            int maxConn = limits == null || limits.maxSmtpOut() == null ? 1 : Math.max(1, limits.maxSmtpOut());
            q.conn = sent == null ? 0 : (int) Math.min(maxConn, Math.max(1, sent / 10));
        }
        return write(lines);
    }

    private QueueState pick(List<QueueState> candidates) {
        QueueState best = null;
        for (QueueState q : candidates) {
            if (q.pending > 0 && !pausedQueues.contains(q.domain + "/" + q.vmta) && (best == null || q.pending > best.pending)) {
                best = q;
            }
        }
        return best;
    }

    private QueueState queue(String domain, Lane lane) {
        return queues.computeIfAbsent(domain + "/" + lane.vmta.name(), k -> new QueueState(domain, lane.vmta.name(), lane.provider));
    }

    private RecordFactory.Route route(LiveConfig.VirtualMta vmta, String provider, String queueDomain) {
        return new RecordFactory.Route(vmta.name(), vmta.sourceIp(), vmta.firstPool(), vmta.sendingDomain(), provider, queueDomain);
    }

    /** Sorts by time and hands each record to every accounting file that records its type; counts them. */
    private long write(List<AccountingWriter.Line> lines) {
        if (lines.isEmpty()) {
            return 0;
        }
        lines.sort(Comparator.comparing(AccountingWriter.Line::time));
        for (AccountingWriter writer : writers.values()) {
            List<AccountingWriter.Line> mine = lines.stream().filter(l -> writer.records(l.type())).toList();
            writer.write(mine);
        }
        for (AccountingWriter.Line line : lines) {
            String ip = line.fields().get("dlvSourceIp");
            String provider = providerOf(line);
            written.computeIfAbsent(ip + "|" + provider + "|" + line.type(), k -> new LongAdder()).increment();
            if (line.type().equals("d")) {
                deliveredPerMinute.merge(Math.floorDiv(line.time().getEpochSecond(), 60), 1L, Long::sum);
            }
        }
        while (deliveredPerMinute.size() > 120) {
            deliveredPerMinute.pollFirstEntry();
        }
        return lines.size();
    }

    private String providerOf(AccountingWriter.Line line) {
        String queue = line.fields().get("queue");
        if (queue != null) {
            Provider byQueue = catalogue.byRollupName(queue);
            if (!Provider.OTHER.equals(byQueue)) {
                return byQueue.name();
            }
        }
        String rcpt = line.fields().get("rcpt");
        if (rcpt != null && !rcpt.isEmpty()) {
            return catalogue.byRecipient(rcpt).name();
        }
        return "jmrp".equals(line.fields().get("format")) ? Provider.MICROSOFT.name() : Provider.OTHER.name();
    }

    // ---------------------------------------------------------------- incidents and injected signals

    private long incidents(LiveConfig config, Instant from, Instant to) {
        long count = 0;
        List<Incident> scripted = options.incidents();
        for (int i = 0; i < scripted.size(); i++) {
            Incident incident = scripted.get(i);
            Instant dayStart = trafficStart.plus(Duration.ofDays(incident.day() - 1L));
            if (!fired[i] && to.isAfter(dayStart) && from.isBefore(dayStart.plus(Duration.ofDays(1)))) {
                fired[i] = true;
                Instant at = from.isAfter(dayStart) ? from : dayStart;
                List<AccountingWriter.Line> burst = new ArrayList<>(incident.size());
                RecordFactory.Route route = signalRoute(config, incident.ip(), incident.provider());
                for (int n = 0; n < incident.size(); n++) {
                    Instant time = at.plusMillis((long) n * 60_000L / Math.max(1, incident.size()));
                    burst.add(records.signal(incident.kind(), route, recipientFor(incident.provider()), time));
                }
                log.info("PowerMTA simulator {}: incident of day {}: {} x {} for {} at {}", options.hostName(), incident.day(),
                        incident.size(), incident.kind(), incident.ip(), incident.provider());
                count += writeEverywhere(config, burst);
            }
        }
        return count;
    }

    /** Writes one signal record now, to the live accounting file(s) (or the fallback file when none is configured). */
    Map.Entry<AccountingWriter.Line, String> inject(LiveConfig config, String ip, String provider, Incident.Kind kind, Instant now) {
        RecordFactory.Route route = signalRoute(config, ip, provider);
        AccountingWriter.Line line = records.signal(kind, route, recipientFor(provider), now);
        writeEverywhere(config, new ArrayList<>(List.of(line)));
        String file = writers.values().stream().filter(w -> w.records(line.type())).map(AccountingWriter::hostPath)
                .findFirst().orElse(FALLBACK_ACCOUNTING_FILE);
        return Map.entry(line, file);
    }

    private long writeEverywhere(LiveConfig config, List<AccountingWriter.Line> lines) {
        syncWriters(config);
        return write(lines);
    }

    private RecordFactory.Route signalRoute(LiveConfig config, String ip, String provider) {
        LiveConfig.VirtualMta vmta = config.byIp(ip).orElse(null);
        String vmtaName = vmta == null ? "v" + ip.replace('.', '-').replace(':', '-') : vmta.name();
        String queueDomain = null;
        if (vmta != null) {
            for (String pattern : vmta.domains().keySet()) {
                if (providerOfPattern(pattern).equals(provider) && !pattern.equals("*")) {
                    queueDomain = pattern.startsWith("[*.]") ? pattern.substring(4) : pattern.startsWith("*.") ? pattern.substring(2) : pattern;
                    break;
                }
            }
        }
        if (queueDomain == null) {
            queueDomain = domainsOf(provider).get(0);
        }
        return new RecordFactory.Route(vmtaName, ip, vmta == null ? "" : vmta.firstPool(),
                vmta == null ? "sender.example" : vmta.sendingDomain(), provider, queueDomain);
    }

    private String recipientFor(String provider) {
        List<String> domains = domainsOf(provider);
        return RecordFactory.recipient(domains.get(random.nextInt(domains.size())), random);
    }

    // ---------------------------------------------------------------- lanes and writers

    private void refreshLanes(LiveConfig config) {
        if (config == laneConfig) {
            return;
        }
        Map<String, Lane> fresh = new LinkedHashMap<>();
        for (LiveConfig.VirtualMta vmta : config.virtualMtas().values()) {
            if (vmta.sourceIp() == null) {
                continue;
            }
            for (LiveConfig.DomainLimits limits : vmta.domains().values()) {
                Rate rate = limits.maxMsgRate();
                if (rate == null || rate.unlimited()) {
                    continue;
                }
                String pattern = limits.pattern();
                String provider = providerOfPattern(pattern);
                List<String> recipients;
                boolean perRecipient;
                if (pattern.equals("*")) {
                    recipients = RecordFactory.OTHER_DOMAINS;
                    perRecipient = true;
                } else if (pattern.endsWith(".rollup")) {
                    recipients = domainsOf(provider);
                    perRecipient = false;
                } else {
                    recipients = List.of(pattern.startsWith("[*.]") ? pattern.substring(4) : pattern.startsWith("*.") ? pattern.substring(2) : pattern);
                    perRecipient = false;
                }
                String key = vmta.name() + "|" + pattern;
                Lane lane = new Lane(vmta, limits, provider, recipients, perRecipient);
                Lane previous = lanes.get(key);
                if (previous != null) {
                    lane.inflowCredit = previous.inflowCredit;
                    lane.sendCredit = previous.sendCredit;
                }
                fresh.put(key, lane);
            }
        }
        lanes = fresh;
        laneConfig = config;
        // Queues of virtual MTAs that are no longer configured disappear, as PowerMTA drops them on reload.
        queues.values().removeIf(q -> !config.virtualMtas().containsKey(q.vmta));
    }

    private String providerOfPattern(String pattern) {
        if (pattern.equals("*")) {
            return Provider.OTHER.name();
        }
        String domain = pattern.startsWith("[*.]") ? pattern.substring(4) : pattern.startsWith("*.") ? pattern.substring(2) : pattern;
        return catalogue.byRollupName(domain).name();
    }

    private List<String> domainsOf(String provider) {
        if (provider.equals(Provider.OTHER.name())) {
            return RecordFactory.OTHER_DOMAINS;
        }
        for (ProviderDefinition definition : catalogue.definitions()) {
            if (definition.provider().name().equals(provider) && !definition.domains().isEmpty()) {
                return definition.domains();
            }
        }
        return RecordFactory.OTHER_DOMAINS;
    }

    private void syncWriters(LiveConfig config) {
        List<LiveConfig.AccountingFile> files = config.accountingFiles().isEmpty()
                ? List.of(new LiveConfig.AccountingFile(FALLBACK_ACCOUNTING_FILE, List.of("d", "b", "t", "rb", "f"),
                        List.of(AccountingWriter.MESSAGE_ID), Duration.ofMinutes(5), 0, null))
                : config.accountingFiles();
        Map<String, AccountingWriter> next = new LinkedHashMap<>();
        for (LiveConfig.AccountingFile file : files) {
            AccountingWriter writer = writers.get(file.path());
            if (writer == null) {
                Path path = local.apply(file.path());
                if (path == null) {
                    continue;
                }
                writer = new AccountingWriter(file, path, options.keepRotatedFiles());
            } else {
                writer.update(file);
            }
            next.put(file.path(), writer);
        }
        writers.clear();
        writers.putAll(next);
    }

    // ---------------------------------------------------------------- observation

    TrafficSummary summary() {
        List<TrafficSummary.Row> rows = new ArrayList<>();
        new TreeMap<>(written).forEach((key, count) -> {
            String[] parts = key.split("\\|", 3);
            rows.add(new TrafficSummary.Row(parts[0], parts[1], parts[2], count.sum()));
        });
        return new TrafficSummary(rows);
    }

    List<QueueState> queues() {
        return queues.values().stream().sorted(Comparator.comparing((QueueState q) -> q.domain + "/" + q.vmta)).toList();
    }

    long deliveredLastHour(Instant now) {
        long minute = Math.floorDiv(now.getEpochSecond(), 60);
        return deliveredPerMinute.subMap(minute - 59, true, minute, true).values().stream().mapToLong(Long::longValue).sum();
    }

    int laneCount() {
        return lanes.size();
    }

    /** Simulated day number of an instant (1 = the first day after traffic start), or 0 before traffic started. */
    long day(Instant now) {
        return trafficStart == null ? 0 : Duration.between(trafficStart, now).toDays() + 1;
    }
}
