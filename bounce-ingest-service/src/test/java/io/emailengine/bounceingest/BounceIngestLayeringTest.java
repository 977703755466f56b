package io.emailengine.bounceingest;

import io.emailengine.kit.contract.LayeringContract;

class BounceIngestLayeringTest extends LayeringContract {

    @Override
    protected String basePackage() {
        return "io.emailengine.bounceingest";
    }
}
