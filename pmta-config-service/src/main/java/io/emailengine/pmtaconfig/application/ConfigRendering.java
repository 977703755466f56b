package io.emailengine.pmtaconfig.application;

import io.emailengine.pmtaconfig.domain.ConfigRenderer;
import io.emailengine.pmtaconfig.domain.PmtaHost;
import io.emailengine.pmtaconfig.domain.ProviderRoute;
import io.emailengine.pmtaconfig.domain.RenderSettings;
import io.emailengine.pmtaconfig.domain.VmtaState;
import java.util.ArrayList;
import java.util.List;

/**
 * The renderer as configured for this installation: provider routes from the catalogue and the
 * accounting file settings; the DKIM directory comes from each host.
 */
public class ConfigRendering {

    private final List<ProviderRoute> routes;
    private final RenderSettings defaults;

    public ConfigRendering(List<ProviderRoute> routes, RenderSettings defaults) {
        this.routes = List.copyOf(routes);
        this.defaults = defaults;
    }

    public ConfigRenderer forHost(PmtaHost host) {
        return new ConfigRenderer(new RenderSettings(host.dkimKeyDir(), defaults.accountingFile(),
                defaults.accountingMoveInterval(), defaults.accountingMaxSize()), routes);
    }

    /** For validating intake, where the host may not be registered yet. */
    public ConfigRenderer withDefaults() {
        return new ConfigRenderer(defaults, routes);
    }

    /** Invalid stored specs cannot occur (intake validates) but are reported instead of breaking the host. */
    public static List<VmtaState> states(List<DesiredStateStore.StoredRequest> stored) {
        List<VmtaState> states = new ArrayList<>(stored.size());
        for (DesiredStateStore.StoredRequest request : stored) {
            states.add(VmtaState.of(request.request(), request.tenant()));
        }
        return states;
    }
}
