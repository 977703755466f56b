package io.emailengine.warmup;

import io.emailengine.kit.contract.LayeringContract;

class WarmupLayeringTest extends LayeringContract {

    @Override
    protected String basePackage() {
        return "io.emailengine.warmup";
    }
}
