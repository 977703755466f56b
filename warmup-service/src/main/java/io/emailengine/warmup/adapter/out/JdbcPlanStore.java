package io.emailengine.warmup.adapter.out;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.emailengine.events.types.Provider;
import io.emailengine.events.types.TenantId;
import io.emailengine.warmup.application.PlanStore;
import io.emailengine.warmup.domain.PlanTemplate;
import io.emailengine.warmup.domain.ProviderSchedule;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

@Repository
class JdbcPlanStore implements PlanStore {

    private static final TypeReference<Map<String, List<Long>>> SCHEDULES = new TypeReference<>() { };

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final ObjectMapper mapper = new ObjectMapper();

    JdbcPlanStore(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public Optional<PlanTemplate> find(TenantId tenant, String name) {
        return jdbc.query("SELECT name, schedules FROM plan_template WHERE tenant_id = ? AND name = ?",
                (rs, n) -> plan(rs.getString("name"), rs.getString("schedules")), tenant.value(), name).stream().findFirst();
    }

    @Override
    public List<PlanTemplate> list(TenantId tenant) {
        return jdbc.query("SELECT name, schedules FROM plan_template WHERE tenant_id = ? ORDER BY name",
                (rs, n) -> plan(rs.getString("name"), rs.getString("schedules")), tenant.value());
    }

    @Override
    public boolean insert(TenantId tenant, PlanTemplate plan) {
        Map<String, List<Long>> schedules = new TreeMap<>();
        plan.schedules().forEach((provider, schedule) -> schedules.put(provider.name(), schedule.dailyVolumes()));
        try {
            return jdbc.update("""
                    INSERT INTO plan_template (tenant_id, name, schedules, created_at) VALUES (?, ?, ?::jsonb, ?)
                    ON CONFLICT DO NOTHING""", tenant.value(), plan.name(), mapper.writeValueAsString(schedules),
                    Timestamp.from(clock.instant())) == 1;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("plan is not serialisable", e);
        }
    }

    private PlanTemplate plan(String name, String json) {
        try {
            Map<Provider, ProviderSchedule> schedules = new TreeMap<>();
            mapper.readValue(json, SCHEDULES).forEach((provider, volumes) ->
                    schedules.put(Provider.of(provider), new ProviderSchedule(volumes)));
            return new PlanTemplate(name, schedules);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("plan_template.schedules is not JSON", e);
        }
    }
}
