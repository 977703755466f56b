package io.emailengine.warmup.bench;

import io.emailengine.testsupport.RealInfrastructureProperties;
import io.emailengine.warmup.WarmupServiceApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** The warmup service as the benchmarks run it: real infrastructure, no tick scheduler, no DNS checks, quiet logs. */
final class BenchmarkService {

    private BenchmarkService() {
    }

    static ConfigurableApplicationContext start(String name, String... extraProperties) {
        return new SpringApplicationBuilder(WarmupServiceApplication.class)
                .properties(RealInfrastructureProperties.forService(name))
                .properties(
                        "email-engine.warmup.tick.enabled=false",
                        "email-engine.warmup.dns.enabled=false",
                        "email-engine.security.api-keys[0].name=bench",
                        "email-engine.security.api-keys[0].hash=sha256:9dcbbd74444fd6ad6e60351b17c5e8a9c6f88269a79f6c805e451fa121a9d608",
                        "email-engine.security.api-keys[0].admin=true",
                        "logging.level.root=WARN",
                        "logging.level.io.emailengine=WARN")
                .properties(extraProperties)
                .run("--server.port=0"); // a command-line argument: beats the service's own application.yml
    }
}
