package io.emailengine.pmtaconfig.application;

import io.emailengine.events.provider.ProviderCatalogue;
import io.emailengine.pmtaconfig.domain.PmtaHost;
import io.emailengine.pmtaconfig.domain.PmtaHostStatus;
import io.emailengine.pmtaconfig.domain.PmtaQueue;
import io.emailengine.pmtaconfig.domain.PmtaQueueListing;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Use case: the queues of every PowerMTA host. On the health probe's schedule it reads
 * {@code pmta --json show queues} and {@code show status} from each reachable host and exports the queue
 * sizes per virtual MTA and provider; operators list a host's queues live. An answer that cannot be read is
 * an error with a metric, never zeros: the host's queue gauges disappear until it answers readably again.
 */
@Service
public class QueueMonitor {

    static final String QUEUES = "queues";
    static final String STATUS = "status";
    private static final Logger log = LoggerFactory.getLogger(QueueMonitor.class);

    private final HostStore hosts;
    private final HostHealthStore health;
    private final DesiredStateStore desired;
    private final PmtaHostClient client;
    private final ProviderCatalogue providers;
    private final Clock clock;
    private final MeterRegistry meters;
    private final MultiGauge recipients;
    private final MultiGauge messages;
    private final MultiGauge pausedQueues;
    private final MultiGauge hostRecipients;
    private final MultiGauge hostMessages;
    private final MultiGauge hostConnections;
    private final MultiGauge readable;
    /** Last readable answers per host; a host missing here has no queue gauges. */
    private final Map<String, List<ProviderQueue>> lastQueues = new ConcurrentHashMap<>();
    private final Map<String, PmtaHostStatus> lastStatus = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Boolean>> lastReadable = new ConcurrentHashMap<>();

    public QueueMonitor(HostStore hosts, HostHealthStore health, DesiredStateStore desired, PmtaHostClient client,
                        ProviderCatalogue providers, Clock clock, MeterRegistry meters) {
        this.hosts = hosts;
        this.health = health;
        this.desired = desired;
        this.client = client;
        this.providers = providers;
        this.clock = clock;
        this.meters = meters;
        this.recipients = MultiGauge.builder("email_engine_pmta_queue_recipients")
                .description("Recipients queued on a PowerMTA host per virtual MTA and provider (pmta show queues)")
                .register(meters);
        this.messages = MultiGauge.builder("email_engine_pmta_queue_messages")
                .description("Messages queued on a PowerMTA host per virtual MTA and provider (pmta show queues)")
                .register(meters);
        this.pausedQueues = MultiGauge.builder("email_engine_pmta_queue_paused")
                .description("Paused queues on a PowerMTA host per virtual MTA and provider").register(meters);
        this.hostRecipients = MultiGauge.builder("email_engine_pmta_host_queue_recipients")
                .description("Recipients in a PowerMTA host's SMTP queues (pmta show status)").register(meters);
        this.hostMessages = MultiGauge.builder("email_engine_pmta_host_queue_messages")
                .description("Messages in a PowerMTA host's SMTP queues (pmta show status)").register(meters);
        this.hostConnections = MultiGauge.builder("email_engine_pmta_host_smtp_out_connections")
                .description("Open outbound SMTP connections of a PowerMTA host (pmta show status)").register(meters);
        this.readable = MultiGauge.builder("email_engine_pmta_status_readable")
                .description("1 if the last answer of pmta --json show queues|status could be read, else 0").register(meters);
    }

    /** A queue with its provider. */
    public record ProviderQueue(PmtaQueue queue, String provider) {
    }

    /** One live read of a host's queues. */
    public record HostQueues(String host, Instant readAt, List<ProviderQueue> queues, List<String> skipped) {
    }

    /** Reads every reachable host and refreshes the gauges; one host's failure never stops the others. */
    public void readAll() {
        Map<String, Boolean> up = health.all();
        Set<String> known = new java.util.HashSet<>();
        for (PmtaHost host : hosts.all()) {
            known.add(host.hostId());
            if (!up.getOrDefault(host.hostId(), true)) {
                forget(host.hostId());
                continue;
            }
            readQueues(host);
            readStatus(host);
        }
        lastQueues.keySet().retainAll(known);
        lastStatus.keySet().retainAll(known);
        lastReadable.keySet().retainAll(known);
        publish();
    }

    /** Live read for the operator API; a tenant sees only the queues of its own virtual MTAs. */
    public HostQueues list(String hostId, Optional<String> tenant) {
        PmtaHost host = hosts.find(hostId).orElseThrow(() -> new Deployments.UnknownHostException(hostId));
        PmtaQueueListing listing = client.showQueues(host);
        List<ProviderQueue> queues = withProviders(listing);
        if (tenant.isPresent()) {
            Set<String> own = desired.forHost(hostId).stream().filter(r -> tenant.get().equals(r.tenant()))
                    .map(r -> r.request().vmta().name().value()).collect(Collectors.toSet());
            queues = queues.stream().filter(q -> own.contains(q.queue().vmta())).toList();
            // Skipped entries may name other tenants' virtual MTAs.
            return new HostQueues(hostId, clock.instant(), queues, List.of());
        }
        return new HostQueues(hostId, clock.instant(), queues, listing.skipped());
    }

    /** Host totals for admins (they cover every tenant's mail). */
    public PmtaHostStatus status(String hostId) {
        PmtaHost host = hosts.find(hostId).orElseThrow(() -> new Deployments.UnknownHostException(hostId));
        return client.showStatus(host);
    }

    private void readQueues(PmtaHost host) {
        try {
            PmtaQueueListing listing = client.showQueues(host);
            if (!listing.skipped().isEmpty()) {
                log.warn("PowerMTA host {}: {} queue entr(y/ies) of 'show queues' skipped, first: {}", host.hostId(),
                        listing.skipped().size(), listing.skipped().get(0));
                meters.counter("email_engine_pmta_queue_entries_skipped", "host", host.hostId())
                        .increment(listing.skipped().size());
            }
            lastQueues.put(host.hostId(), withProviders(listing));
            markReadable(host.hostId(), QUEUES, true);
        } catch (RuntimeException e) {
            // Unreadable answer, failed command, unreachable host or a host whose pmta command can't be derived.
            log.warn("PowerMTA host {}: queues not read: {}", host.hostId(), e.getMessage());
            failure(host.hostId(), QUEUES);
            lastQueues.remove(host.hostId());
        }
    }

    private void readStatus(PmtaHost host) {
        try {
            lastStatus.put(host.hostId(), client.showStatus(host));
            markReadable(host.hostId(), STATUS, true);
        } catch (RuntimeException e) {
            // Unreadable answer, failed command, unreachable host or a host whose pmta command can't be derived.
            log.warn("PowerMTA host {}: status not read: {}", host.hostId(), e.getMessage());
            failure(host.hostId(), STATUS);
            lastStatus.remove(host.hostId());
        }
    }

    private void failure(String hostId, String command) {
        failures(hostId, command).increment();
        markReadable(hostId, command, false);
    }

    /** Registered at the first read, so a host without failures exports 0 rather than nothing. */
    private Counter failures(String hostId, String command) {
        return Counter.builder("email_engine_pmta_status_read_failures")
                .description("Failed reads of pmta --json show queues|status (unreachable, failed command or unreadable answer)")
                .tags("host", hostId, "command", command).register(meters);
    }

    private void markReadable(String hostId, String command, boolean ok) {
        failures(hostId, command);
        lastReadable.computeIfAbsent(hostId, h -> new ConcurrentHashMap<>()).put(command, ok);
    }

    private void forget(String hostId) {
        lastQueues.remove(hostId);
        lastStatus.remove(hostId);
    }

    private List<ProviderQueue> withProviders(PmtaQueueListing listing) {
        return listing.queues().stream()
                .map(q -> new ProviderQueue(q, q.domain().contains("*") ? "other" : providers.byRollupName(q.domain()).name()))
                .toList();
    }

    private void publish() {
        List<MultiGauge.Row<?>> rcp = new ArrayList<>();
        List<MultiGauge.Row<?>> msg = new ArrayList<>();
        List<MultiGauge.Row<?>> paused = new ArrayList<>();
        lastQueues.forEach((host, queues) -> {
            Map<List<String>, long[]> sums = new TreeMap<>((a, b) -> String.join("/", a).compareTo(String.join("/", b)));
            for (ProviderQueue q : queues) {
                long[] sum = sums.computeIfAbsent(List.of(q.queue().vmta(), q.provider()), k -> new long[3]);
                sum[0] += q.queue().recipients();
                sum[1] += q.queue().messages();
                sum[2] += q.queue().paused() ? 1 : 0;
            }
            sums.forEach((key, sum) -> {
                Tags tags = Tags.of("host", host, "vmta", key.get(0), "provider", key.get(1));
                rcp.add(MultiGauge.Row.of(tags, sum[0]));
                msg.add(MultiGauge.Row.of(tags, sum[1]));
                paused.add(MultiGauge.Row.of(tags, sum[2]));
            });
        });
        recipients.register(rcp, true);
        messages.register(msg, true);
        pausedQueues.register(paused, true);
        hostRecipients.register(lastStatus.entrySet().stream()
                .map(e -> MultiGauge.Row.of(Tags.of("host", e.getKey()), e.getValue().queuedRecipients())).toList(), true);
        hostMessages.register(lastStatus.entrySet().stream()
                .map(e -> MultiGauge.Row.of(Tags.of("host", e.getKey()), e.getValue().queuedMessages())).toList(), true);
        hostConnections.register(lastStatus.entrySet().stream().filter(e -> e.getValue().smtpOutConnections() != null)
                .map(e -> MultiGauge.Row.of(Tags.of("host", e.getKey()), e.getValue().smtpOutConnections())).toList(), true);
        List<MultiGauge.Row<?>> ok = new ArrayList<>();
        lastReadable.forEach((host, commands) -> commands.forEach((command, yes) ->
                ok.add(MultiGauge.Row.of(Tags.of("host", host, "command", command), yes ? 1 : 0))));
        readable.register(ok, true);
    }
}
