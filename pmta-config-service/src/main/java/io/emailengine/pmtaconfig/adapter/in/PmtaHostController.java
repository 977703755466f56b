package io.emailengine.pmtaconfig.adapter.in;

import io.emailengine.pmtaconfig.application.ConfigVersionStore;
import io.emailengine.pmtaconfig.application.DeploymentStore;
import io.emailengine.pmtaconfig.application.Deployments;
import io.emailengine.pmtaconfig.application.HostAdmin;
import io.emailengine.pmtaconfig.application.OperatorQueries;
import io.emailengine.pmtaconfig.domain.ConfigImport;
import io.emailengine.pmtaconfig.domain.PmtaHost;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Admin API for PowerMTA hosts, their config versions and deployments. The SSH private key reference is write-only. */
@RestController
@RequestMapping("/api/v1/admin/pmta-hosts")
class PmtaHostController {

    private final HostAdmin admin;
    private final Deployments deployments;
    private final OperatorQueries queries;

    PmtaHostController(HostAdmin admin, Deployments deployments, OperatorQueries queries) {
        this.admin = admin;
        this.deployments = deployments;
        this.queries = queries;
    }

    record HostRequest(String address, Integer port, String user, String privateKeyRef, String hostKeySha256,
                       String knownHostsPath, String includePath, String dkimKeyDir, String testCommand,
                       String reloadCommand, String verifyCommand) {
    }

    /** Everything but the private key reference. */
    record HostView(String hostId, String address, int port, String user, String hostKeySha256, String knownHostsPath,
                    String includePath, String dkimKeyDir, String testCommand, String reloadCommand, String verifyCommand) {

        static HostView of(PmtaHost h) {
            return new HostView(h.hostId(), h.address(), h.port(), h.user(), h.hostKeySha256(), h.knownHostsPath(),
                    h.includePath(), h.dkimKeyDir(), h.testCommand(), h.reloadCommand(), h.verifyCommand());
        }
    }

    @PutMapping("/{hostId}")
    ResponseEntity<HostView> save(@PathVariable String hostId, @RequestBody HostRequest body) {
        PmtaHost host = new PmtaHost(hostId, body.address(), body.port() == null ? 22 : body.port(), body.user(),
                body.privateKeyRef(), blankToNull(body.hostKeySha256()), blankToNull(body.knownHostsPath()),
                body.includePath(), body.dkimKeyDir(), blankToNull(body.testCommand()), blankToNull(body.reloadCommand()),
                blankToNull(body.verifyCommand()));
        boolean created = admin.save(host);
        return ResponseEntity.status(created ? HttpStatus.CREATED : HttpStatus.OK).body(HostView.of(host));
    }

    @GetMapping
    List<HostView> list() {
        return admin.all().stream().map(HostView::of).toList();
    }

    @GetMapping("/{hostId}")
    HostView get(@PathVariable String hostId) {
        return admin.find(hostId).map(HostView::of).orElseThrow(() -> new Deployments.UnknownHostException(hostId));
    }

    /** Imports an existing config sent as the request body (text). */
    @PostMapping(path = "/{hostId}/import", consumes = MediaType.TEXT_PLAIN_VALUE)
    ImportView importText(@PathVariable String hostId, @RequestBody String config) {
        admin.find(hostId).orElseThrow(() -> new Deployments.UnknownHostException(hostId));
        return ImportView.of(admin.importText(config));
    }

    /** Reads the config over SFTP from the host (default its main config) and imports it. */
    @PostMapping("/{hostId}/import-from-host")
    ImportView importFromHost(@PathVariable String hostId, @RequestParam(defaultValue = "/etc/pmta/config") String path) {
        return ImportView.of(admin.importFromHost(hostId, path));
    }

    @GetMapping(path = "/{hostId}/preview", produces = MediaType.TEXT_PLAIN_VALUE)
    String preview(@PathVariable String hostId) {
        return deployments.preview(hostId).text();
    }

    @PostMapping("/{hostId}/deployments")
    ResponseEntity<DeployView> deployNow(@PathVariable String hostId) {
        Deployments.Result result = deployments.converge(hostId, "operator", true);
        if (result == Deployments.Result.UNKNOWN_HOST) {
            throw new Deployments.UnknownHostException(hostId);
        }
        return ResponseEntity.status(result == Deployments.Result.BUSY ? HttpStatus.CONFLICT : HttpStatus.OK)
                .body(new DeployView(result.name()));
    }

    record DeployView(String result) {
    }

    /** Deploys a stored version and holds the host there until released. */
    @PostMapping("/{hostId}/versions/{version}/rollback")
    ResponseEntity<DeployView> rollback(@PathVariable String hostId, @PathVariable long version) {
        Deployments.Result result = deployments.rollbackTo(hostId, version);
        HttpStatus status = switch (result) {
            case BUSY -> HttpStatus.CONFLICT;
            case FAILED -> HttpStatus.BAD_GATEWAY;
            default -> HttpStatus.OK;
        };
        return ResponseEntity.status(status).body(new DeployView(result.name()));
    }

    /** Ends a rollback hold: the host converges to the desired state again. */
    @PostMapping("/{hostId}/release")
    ResponseEntity<Void> release(@PathVariable String hostId) {
        deployments.release(hostId);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/{hostId}/deployments")
    List<DeploymentStore.DeploymentRecord> history(@PathVariable String hostId,
                                                  @RequestParam(defaultValue = "50") int limit) {
        return queries.history(hostId, limit);
    }

    /** Newest first, {@code limit} (at most 500) per page; the next page with {@code before} = the last version listed. */
    @GetMapping("/{hostId}/versions")
    List<ConfigVersionStore.VersionSummary> versions(@PathVariable String hostId,
                                                     @RequestParam(required = false) Long before,
                                                     @RequestParam(defaultValue = "50") int limit) {
        return queries.versions(hostId, before, limit);
    }

    @GetMapping(path = "/{hostId}/versions/{version}", produces = MediaType.TEXT_PLAIN_VALUE)
    String version(@PathVariable String hostId, @PathVariable long version) {
        return queries.version(hostId, version);
    }

    @GetMapping(path = "/{hostId}/diff", produces = MediaType.TEXT_PLAIN_VALUE)
    String diff(@PathVariable String hostId, @RequestParam long from, @RequestParam long to) {
        return queries.diff(hostId, from, to);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
