package io.emailengine.pmtaconfig;

import io.emailengine.kit.contract.LayeringContract;

class PmtaConfigLayeringTest extends LayeringContract {

    @Override
    protected String basePackage() {
        return "io.emailengine.pmtaconfig";
    }
}
