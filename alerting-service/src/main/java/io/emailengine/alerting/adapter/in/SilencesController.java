package io.emailengine.alerting.adapter.in;

import io.emailengine.alerting.application.SilenceService;
import io.emailengine.alerting.application.SilenceService.SilenceRequest;
import io.emailengine.alerting.domain.LabelMatcher;
import io.emailengine.alerting.domain.Silence;
import io.emailengine.events.types.TenantId;
import io.emailengine.kit.security.TenantAccess;
import io.emailengine.kit.web.NotFoundException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Silences CRUD: a tenant's silences under its own path (they only ever mute that tenant's alerts),
 * system silences under /admin. The author is the calling API key's name, never a body field.
 * DELETE expires a silence (its end becomes now) so what was muted, by whom and why stays visible.
 */
@RestController
class SilencesController {

    private final SilenceService silences;

    SilencesController(SilenceService silences) {
        this.silences = silences;
    }

    @GetMapping("/api/v1/tenants/{tenant}/silences")
    List<SilenceView> list(@PathVariable String tenant) {
        return views(silences.list(tenant(tenant)));
    }

    @PostMapping("/api/v1/tenants/{tenant}/silences")
    @ResponseStatus(HttpStatus.CREATED)
    SilenceView create(@PathVariable String tenant, @RequestBody SilenceBody body) {
        return view(silences.create(tenant(tenant), author(), body.toRequest()));
    }

    @GetMapping("/api/v1/tenants/{tenant}/silences/{id}")
    SilenceView get(@PathVariable String tenant, @PathVariable UUID id) {
        return view(owned(tenant(tenant), id));
    }

    @PutMapping("/api/v1/tenants/{tenant}/silences/{id}")
    SilenceView update(@PathVariable String tenant, @PathVariable UUID id, @RequestBody SilenceBody body) {
        return view(silences.update(owned(tenant(tenant), id), author(), body.toRequest()));
    }

    @DeleteMapping("/api/v1/tenants/{tenant}/silences/{id}")
    SilenceView expire(@PathVariable String tenant, @PathVariable UUID id) {
        return view(silences.expire(owned(tenant(tenant), id)));
    }

    @GetMapping("/api/v1/admin/silences")
    List<SilenceView> listSystem() {
        return views(silences.list(null));
    }

    @PostMapping("/api/v1/admin/silences")
    @ResponseStatus(HttpStatus.CREATED)
    SilenceView createSystem(@RequestBody SilenceBody body) {
        return view(silences.create(null, author(), body.toRequest()));
    }

    @GetMapping("/api/v1/admin/silences/{id}")
    SilenceView getSystem(@PathVariable UUID id) {
        return view(owned(null, id));
    }

    @PutMapping("/api/v1/admin/silences/{id}")
    SilenceView updateSystem(@PathVariable UUID id, @RequestBody SilenceBody body) {
        return view(silences.update(owned(null, id), author(), body.toRequest()));
    }

    @DeleteMapping("/api/v1/admin/silences/{id}")
    SilenceView expireSystem(@PathVariable UUID id) {
        return view(silences.expire(owned(null, id)));
    }

    private Silence owned(String tenant, UUID id) {
        return silences.find(id).filter(s -> Objects.equals(s.tenant(), tenant))
                .orElseThrow(() -> new NotFoundException("silence " + id + " not found"));
    }

    private static String tenant(String tenant) {
        return TenantAccess.requireTenant(new TenantId(tenant)).value();
    }

    private static String author() {
        return TenantAccess.caller().keyName();
    }

    private List<SilenceView> views(List<Silence> list) {
        return list.stream().map(this::view).toList();
    }

    private SilenceView view(Silence s) {
        Instant now = silences.now();
        String state = s.isExpiredAt(now) ? "expired" : s.isActiveAt(now) ? "active" : "pending";
        return new SilenceView(s.id(), s.tenant(), s.matchers().stream()
                .map(m -> new MatcherBody(m.name(), m.operator().symbol(), m.value())).toList(),
                s.startsAt(), s.endsAt(), s.createdBy(), s.comment(), state);
    }

    /** A label matcher on the wire: {@code {"name":"alertname","op":"=~","value":"Pmta.*"}}. */
    record MatcherBody(String name, String op, String value) {
    }

    record SilenceBody(List<MatcherBody> matchers, Instant startsAt, Instant endsAt, String comment) {

        SilenceRequest toRequest() {
            if (matchers == null || matchers.isEmpty()) {
                throw new IllegalArgumentException("matchers: at least one matcher is required");
            }
            if (endsAt == null) {
                throw new IllegalArgumentException("endsAt: is required");
            }
            List<LabelMatcher> parsed = matchers.stream()
                    .map(m -> LabelMatcher.of(m.name(), m.op() == null ? "=" : m.op(), m.value())).toList();
            return new SilenceRequest(parsed, startsAt, endsAt, comment);
        }
    }

    record SilenceView(UUID id, String tenant, List<MatcherBody> matchers, Instant startsAt, Instant endsAt,
                       String createdBy, String comment, String state) {
    }
}
