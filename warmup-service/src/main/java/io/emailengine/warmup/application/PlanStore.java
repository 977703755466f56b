package io.emailengine.warmup.application;

import io.emailengine.events.types.TenantId;
import io.emailengine.warmup.domain.PlanTemplate;
import java.util.List;
import java.util.Optional;

/** Port: operators' own plan templates, per tenant. */
public interface PlanStore {

    Optional<PlanTemplate> find(TenantId tenant, String name);

    List<PlanTemplate> list(TenantId tenant);

    /** @return false if the tenant already has a template of that name */
    boolean insert(TenantId tenant, PlanTemplate plan);
}
