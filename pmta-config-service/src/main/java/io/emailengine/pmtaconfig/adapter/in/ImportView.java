package io.emailengine.pmtaconfig.adapter.in;

import io.emailengine.pmtaconfig.domain.ConfigImport;
import java.util.List;

/**
 * Import answer: {@code vmtas} is the list warmup-service's bulk registration takes
 * ({ip, heloHostname, sendingDomain, dkimSelector, dkimKeyPath, vmta, pool}); {@code problems} lists
 * every part that was not imported, with its line.
 */
record ImportView(List<ConfigImport.ImportedVmta> vmtas, List<ConfigImport.Problem> problems) {

    static ImportView of(ConfigImport.Result result) {
        return new ImportView(result.vmtas(), result.problems());
    }
}
