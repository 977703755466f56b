package io.emailengine.warmup;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Adaptive per-provider IP warmup: inventory, plans, warmup state, delivery statistics, decision log. */
@SpringBootApplication
public class WarmupServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(WarmupServiceApplication.class, args);
    }
}
