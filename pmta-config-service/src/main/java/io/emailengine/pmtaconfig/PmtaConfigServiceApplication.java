package io.emailengine.pmtaconfig;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** PowerMTA hosts, desired virtual-MTA specs, rendered configs, deployments over SFTP, DKIM keys. */
@SpringBootApplication
public class PmtaConfigServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(PmtaConfigServiceApplication.class, args);
    }
}
