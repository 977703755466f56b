package io.emailengine.pmtaconfig.application;

import io.emailengine.pmtaconfig.domain.ConfigValues;
import io.emailengine.pmtaconfig.domain.InvalidConfigValueException;
import io.emailengine.pmtaconfig.domain.PmtaHost;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * Use case: pause or resume one PowerMTA queue ({@code domain/vmta}, e.g. {@code gmail.rollup/v203-0-113-10})
 * with {@code pmta pause queue} / {@code pmta resume queue}. The {@code pmta} invocation is the host's
 * reload command without its last word, so a host configured with {@code sudo -n pmta reload} is
 * paused with {@code sudo -n pmta pause queue ...}. Every part is whitelisted before it is joined.
 */
@Service
public class QueueControl {

    private final HostStore hosts;
    private final DesiredStateStore desired;
    private final PmtaHostClient client;

    public QueueControl(HostStore hosts, DesiredStateStore desired, PmtaHostClient client) {
        this.hosts = hosts;
        this.desired = desired;
        this.client = client;
    }

    public enum Action { PAUSE, RESUME }

    public record QueueResult(String queue, boolean ok, String output) {
    }

    /** The tenant that owns the virtual MTA on the host; empty if the engine does not manage it. */
    public Optional<String> ownerOf(String hostId, String vmta) {
        return desired.ownerOf(hostId, ConfigValues.vmtaName("vmta", vmta));
    }

    public QueueResult apply(String hostId, String domain, String vmta, Action action) {
        PmtaHost host = hosts.find(hostId).orElseThrow(() -> new Deployments.UnknownHostException(hostId));
        String queue = ConfigValues.domain("domain", domain) + "/" + ConfigValues.vmtaName("vmta", vmta);
        String reload = host.reloadCommand();
        if (!reload.endsWith(" reload")) {
            throw new InvalidConfigValueException("reloadCommand", "does not end in ' reload'; the pmta command cannot be derived");
        }
        String command = ConfigValues.command("command", reload.substring(0, reload.length() - " reload".length())
                + (action == Action.PAUSE ? " pause queue " : " resume queue ") + queue);
        PmtaHostClient.CommandOutcome outcome = client.run(host, command);
        return new QueueResult(queue, outcome.exit() == 0, outcome.output());
    }
}
