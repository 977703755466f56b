package io.emailengine.warmup.application;

import io.emailengine.events.types.TenantId;
import io.emailengine.kit.web.NotFoundException;
import io.emailengine.warmup.domain.GrowthCaps;
import io.emailengine.warmup.domain.PlanTemplate;
import io.emailengine.warmup.domain.StandardPlan;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The plans a tenant can pick: the built-in standard plan and the tenant's own validated templates. */
@Service
public class PlanCatalogue {

    private final PlanTemplate standard;
    private final GrowthCaps caps;
    private final PlanStore store;

    public PlanCatalogue(PlanTemplate standardPlan, GrowthCaps caps, PlanStore store) {
        this.standard = standardPlan;
        this.caps = caps;
        this.store = store;
    }

    public PlanTemplate standard() {
        return standard;
    }

    public Optional<PlanTemplate> find(TenantId tenant, String name) {
        if (name == null || StandardPlan.NAME.equals(name)) {
            return Optional.of(standard);
        }
        return store.find(tenant, name);
    }

    public PlanTemplate require(TenantId tenant, String name) {
        return find(tenant, name).orElseThrow(() -> new NotFoundException("plan '" + name + "' not found"));
    }

    public List<PlanTemplate> list(TenantId tenant) {
        List<PlanTemplate> plans = new ArrayList<>();
        plans.add(standard);
        plans.addAll(store.list(tenant));
        return plans;
    }

    /** Validates against the growth caps (400 with the reason) and stores; 409 if the name is taken. */
    @Transactional
    public PlanTemplate create(TenantId tenant, PlanTemplate plan) {
        plan.validated(caps);
        if (StandardPlan.NAME.equals(plan.name()) || !store.insert(tenant, plan)) {
            throw new ConflictException("plan '" + plan.name() + "' already exists");
        }
        return plan;
    }
}
