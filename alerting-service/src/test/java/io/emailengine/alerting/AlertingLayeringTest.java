package io.emailengine.alerting;

import io.emailengine.kit.contract.LayeringContract;

class AlertingLayeringTest extends LayeringContract {

    @Override
    protected String basePackage() {
        return "io.emailengine.alerting";
    }
}
