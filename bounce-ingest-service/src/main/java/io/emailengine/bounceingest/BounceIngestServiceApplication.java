package io.emailengine.bounceingest;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** PowerMTA accounting ingestion (HTTP push, SFTP pull), classification and attribution. */
@SpringBootApplication
public class BounceIngestServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(BounceIngestServiceApplication.class, args);
    }
}
