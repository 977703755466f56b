package io.emailengine.pmtaconfig.adapter.in;

import io.emailengine.pmtaconfig.application.HostAdmin;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/v1/import}: parse an existing PowerMTA config (text) without any host. Parses only; stores nothing. */
@RestController
class ImportController {

    private final HostAdmin admin;

    ImportController(HostAdmin admin) {
        this.admin = admin;
    }

    @PostMapping(path = "/api/v1/import", consumes = MediaType.TEXT_PLAIN_VALUE)
    ImportView importConfig(@RequestBody String config) {
        return ImportView.of(admin.importText(config));
    }
}
