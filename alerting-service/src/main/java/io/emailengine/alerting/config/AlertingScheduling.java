package io.emailengine.alerting.config;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Runs the group evaluator and the sender on a schedule unless switched off (tests drive them by hand). */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnProperty(name = "email-engine.alerting.scheduler.enabled", havingValue = "true", matchIfMissing = true)
public class AlertingScheduling {
}
