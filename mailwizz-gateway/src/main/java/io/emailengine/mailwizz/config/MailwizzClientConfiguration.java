package io.emailengine.mailwizz.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.emailengine.mailwizz.adapter.out.mailwizz.HttpMailwizzApi;
import io.emailengine.mailwizz.adapter.out.mailwizz.MailwizzHttpClient;
import io.emailengine.mailwizz.application.MailwizzApi;
import io.emailengine.mailwizz.application.MailwizzFacade;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpClient;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The MailWizz HTTP client: settings, JDK HTTP client with timeouts, resilience4j registries from the starter. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties(MailwizzProperties.class)
public class MailwizzClientConfiguration {

    @Bean
    MailwizzHttpClient mailwizzHttpClient(MailwizzProperties properties, ObjectMapper mapper, Clock clock, MeterRegistry meters) {
        HttpClient http = HttpClient.newBuilder()
                .connectTimeout(properties.client().connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        return new MailwizzHttpClient(http, mapper, clock, meters, properties.client().requestTimeout());
    }

    @Bean
    HttpMailwizzApi mailwizzApi(MailwizzProperties properties, MailwizzHttpClient client, CircuitBreakerRegistry circuitBreakers,
                                RateLimiterRegistry rateLimiters, RetryRegistry retries) {
        return new HttpMailwizzApi(properties, client, circuitBreakers, rateLimiters, retries);
    }

    @Bean
    MailwizzFacade mailwizzFacade(MailwizzApi api) {
        return new MailwizzFacade(api);
    }
}
