package io.emailengine.mailwizz;

import io.emailengine.kit.contract.LayeringContract;

class MailwizzLayeringTest extends LayeringContract {

    @Override
    protected String basePackage() {
        return "io.emailengine.mailwizz";
    }
}
