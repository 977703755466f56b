package io.emailengine.bounceingest.adapter.in.web;

import io.emailengine.bounceingest.application.QuarantineQuery;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Rejected lines, for operators. Admin only (the kit guards {@code /api/v1/admin/**}): a line that
 * could not be read cannot be attributed to a tenant, so no tenant may see it.
 */
@RestController
class QuarantineController {

    private static final int MAX_LIMIT = 1000;

    private final QuarantineQuery query;

    QuarantineController(QuarantineQuery query) {
        this.query = query;
    }

    @GetMapping("/api/v1/admin/accounting/quarantine")
    List<QuarantineQuery.QuarantinedLine> quarantined(@RequestParam(required = false) String source,
                                                      @RequestParam(required = false) Long before,
                                                      @RequestParam(defaultValue = "100") int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT);
        }
        return query.quarantined(source, before, limit);
    }
}
