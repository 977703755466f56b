package io.emailengine.pmtaconfig.application;

import io.emailengine.pmtaconfig.domain.PmtaConfigSyntax;
import java.util.Set;
import java.util.TreeSet;

/** The virtual MTAs a stored config version defines; what must be live after deploying it again. */
final class VirtualMtaNames {

    private VirtualMtaNames() {
    }

    static Set<String> in(String configText) {
        Set<String> names = new TreeSet<>();
        for (PmtaConfigSyntax.Node node : PmtaConfigSyntax.parse("stored version", configText)) {
            if (node.block() && node.keyword().equals("virtual-mta") && !node.args().isEmpty()) {
                names.add(node.args().get(0));
            }
        }
        return names;
    }
}
