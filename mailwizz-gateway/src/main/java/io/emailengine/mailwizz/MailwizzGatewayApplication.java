package io.emailengine.mailwizz;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** MailWizz delivery-server quotas, suppression of bad addresses, and the tenants' MailWizz facade. */
@SpringBootApplication
public class MailwizzGatewayApplication {

    public static void main(String[] args) {
        SpringApplication.run(MailwizzGatewayApplication.class, args);
    }
}
