package io.emailengine.warmup.application;

import io.emailengine.events.types.SendingIp;
import io.emailengine.events.types.TenantId;
import io.emailengine.kit.web.NotFoundException;
import io.emailengine.warmup.domain.FieldProblem;
import io.emailengine.warmup.domain.IpStatus;
import io.emailengine.warmup.domain.RegisteredIp;
import io.emailengine.warmup.domain.SendingIpSpec;
import io.emailengine.warmup.domain.WarmupStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/** Use cases of a tenant's IP inventory: register (one or many), list, get, update, retire. */
@Service
public class InventoryService {

    private final InventoryStore store;
    private final AuditLog audit;
    private final TransactionTemplate tx;
    private final WarmupStateStore states;
    private final WarmupPublisher publisher;
    private final Clock clock;

    public InventoryService(InventoryStore store, AuditLog audit, TransactionTemplate tx, WarmupStateStore states,
                            WarmupPublisher publisher, Clock clock) {
        this.store = store;
        this.audit = audit;
        this.tx = tx;
        this.states = states;
        this.publisher = publisher;
        this.clock = clock;
    }

    @Transactional
    public RegisteredIp register(TenantId tenant, IpRequest request, Actor actor) {
        SendingIpSpec.Parsed parsed = parse(request);
        if (!parsed.valid()) {
            throw new ValidationFailedException(parsed.problems());
        }
        SendingIpSpec spec = parsed.spec();
        Optional<RegisteredIp> existing = store.find(spec.ip());
        if (existing.isPresent()) {
            throw new ConflictException(existing.get().tenant().equals(tenant)
                    ? "IP " + spec.ip() + " is already registered"
                    : "IP " + spec.ip() + " is owned by another tenant");
        }
        Instant now = clock.instant();
        RegisteredIp ip = new RegisteredIp(tenant, spec, IpStatus.ACTIVE, WarmupStatus.NOT_STARTED, null, now, now);
        store.insert(ip);
        audit.record(new AuditLog.Entry(now, actor.name(), tenant, "ip.register", spec.ip().value(), spec.vmtaSpec().toString()));
        return ip;
    }

    /**
     * Registers each line in its own transaction, so a bad or conflicting line never drops the
     * good ones; the answer tells per line what happened.
     */
    public List<BulkLine> registerAll(TenantId tenant, List<IpRequest> requests, Actor actor) {
        List<BulkLine> lines = new ArrayList<>(requests.size());
        for (int i = 0; i < requests.size(); i++) {
            IpRequest request = requests.get(i);
            try {
                RegisteredIp ip = tx.execute(status -> register(tenant, request, actor));
                lines.add(new BulkLine(i, ip.spec().ip().value(), "created", List.of()));
            } catch (ValidationFailedException e) {
                lines.add(new BulkLine(i, request == null ? null : request.ip(), "invalid", e.problems()));
            } catch (ConflictException e) {
                lines.add(new BulkLine(i, request == null ? null : request.ip(), "conflict",
                        List.of(new FieldProblem("ip", e.getMessage()))));
            }
        }
        return lines;
    }

    public List<RegisteredIp> list(TenantId tenant) {
        return store.list(tenant);
    }

    /** 404 when the IP is unknown or another tenant's: its existence must not leak. */
    public RegisteredIp get(TenantId tenant, String ip) {
        SendingIp address;
        try {
            address = SendingIp.of(ip);
        } catch (IllegalArgumentException e) {
            throw new ValidationFailedException(List.of(new FieldProblem("ip", e.getMessage())));
        }
        return store.find(address).filter(found -> found.tenant().equals(tenant))
                .orElseThrow(() -> new NotFoundException("IP " + address + " not found"));
    }

    /** Replaces the description of an IP; the address itself cannot change. */
    @Transactional
    public RegisteredIp update(TenantId tenant, String ip, IpRequest request, Actor actor) {
        RegisteredIp current = get(tenant, ip);
        IpRequest merged = new IpRequest(current.spec().ip().value(), request.heloHostname(), request.sendingDomain(),
                request.dkimSelector(), request.hostId(), request.vmta(), request.pool(), request.sendingHours());
        if (request.ip() != null && !request.ip().isBlank() && !sameIp(request.ip(), current.spec().ip())) {
            throw new ValidationFailedException(List.of(new FieldProblem("ip", "cannot be changed; retire and register instead")));
        }
        SendingIpSpec.Parsed parsed = parse(merged);
        if (!parsed.valid()) {
            throw new ValidationFailedException(parsed.problems());
        }
        Instant now = clock.instant();
        RegisteredIp updated = new RegisteredIp(tenant, parsed.spec(), current.status(), current.warmupStatus(),
                current.planName(), current.createdAt(), now);
        store.update(updated);
        audit.record(new AuditLog.Entry(now, actor.name(), tenant, "ip.update", ip, parsed.spec().vmtaSpec().toString()));
        if (current.warmupStatus() == WarmupStatus.WARMING && !current.spec().equals(parsed.spec())) {
            // PowerMTA must hear of a new HELO name, domain, selector or host while the IP is warming
            publisher.publishLimits(updated, states.states(current.spec().ip()), UUID.randomUUID(),
                    "IP description updated by " + actor.name(), null);
        }
        return updated;
    }

    @Transactional
    public RegisteredIp retire(TenantId tenant, String ip, Actor actor) {
        RegisteredIp current = get(tenant, ip);
        if (current.warmupStatus() == WarmupStatus.WARMING) {
            throw new ConflictException("IP " + current.spec().ip() + " is warming; abort the warmup before retiring it");
        }
        Instant now = clock.instant();
        RegisteredIp retired = new RegisteredIp(tenant, current.spec(), IpStatus.RETIRED, current.warmupStatus(),
                current.planName(), current.createdAt(), now);
        store.update(retired);
        audit.record(new AuditLog.Entry(now, actor.name(), tenant, "ip.retire", current.spec().ip().value(), null));
        return retired;
    }

    private static boolean sameIp(String raw, SendingIp ip) {
        try {
            return SendingIp.of(raw.trim()).equals(ip);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static SendingIpSpec.Parsed parse(IpRequest r) {
        if (r == null) {
            return new SendingIpSpec.Parsed(null, List.of(new FieldProblem("body", "is required")));
        }
        return SendingIpSpec.parse(r.ip(), r.heloHostname(), r.sendingDomain(), r.dkimSelector(), r.hostId(), r.vmta(),
                r.pool(), r.sendingHours());
    }

    /** Outcome of one line of a bulk registration. */
    public record BulkLine(int index, String ip, String outcome, List<FieldProblem> problems) {
    }
}
