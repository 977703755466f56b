package io.emailengine.warmup.adapter.in;

import static io.emailengine.warmup.adapter.in.IpInventoryController.tenant;

import io.emailengine.events.types.Provider;
import io.emailengine.warmup.application.PlanCatalogue;
import io.emailengine.warmup.domain.PlanTemplate;
import io.emailengine.warmup.domain.ProviderSchedule;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Plan templates: the standard plan and the tenant's own, validated against the growth caps. */
@RestController
@RequestMapping("/api/v1/tenants/{tenant}/plans")
class PlanController {

    private final PlanCatalogue plans;

    PlanController(PlanCatalogue plans) {
        this.plans = plans;
    }

    @GetMapping
    List<PlanView> list(@PathVariable String tenant) {
        return plans.list(tenant(tenant)).stream().map(PlanView::of).toList();
    }

    @GetMapping("/{name}")
    PlanView get(@PathVariable String tenant, @PathVariable String name) {
        return PlanView.of(plans.require(tenant(tenant), name));
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    PlanView create(@PathVariable String tenant, @RequestBody PlanView request) {
        if (request == null || request.schedules() == null) {
            throw new IllegalArgumentException("schedules is required");
        }
        Map<Provider, ProviderSchedule> schedules = new TreeMap<>();
        request.schedules().forEach((provider, volumes) -> schedules.put(Provider.of(provider), new ProviderSchedule(volumes)));
        return PlanView.of(plans.create(tenant(tenant), new PlanTemplate(request.name(), schedules)));
    }

    record PlanView(String name, Map<String, List<Long>> schedules) {
        static PlanView of(PlanTemplate plan) {
            Map<String, List<Long>> schedules = new TreeMap<>();
            plan.schedules().forEach((provider, schedule) -> schedules.put(provider.name(), schedule.dailyVolumes()));
            return new PlanView(plan.name(), schedules);
        }
    }
}
