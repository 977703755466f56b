package io.emailengine.alerting.config;

import io.emailengine.alerting.adapter.out.TelegramBotClient;
import io.emailengine.alerting.application.AlertStore;
import io.emailengine.alerting.application.DispatchSettings;
import io.emailengine.alerting.application.Housekeeping;
import io.emailengine.alerting.application.NotificationQueue;
import java.time.Clock;
import io.emailengine.alerting.domain.GroupPolicy;
import io.emailengine.alerting.domain.GroupTimers;
import io.emailengine.alerting.domain.Inhibition;
import io.emailengine.alerting.domain.LabelMatcher;
import io.emailengine.alerting.domain.MatchOperator;
import io.emailengine.alerting.domain.RetryBackoff;
import io.emailengine.alerting.domain.Route;
import io.emailengine.alerting.domain.RouteTable;
import io.emailengine.alerting.domain.SendPacer;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Turns {@link AlertingProperties} into the domain's routing table, timers, limits and the Telegram client. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AlertingProperties.class)
public class AlertingConfiguration {

    private static final Logger log = LoggerFactory.getLogger(AlertingConfiguration.class);

    @Bean
    RouteTable routeTable(AlertingProperties properties) {
        boolean tokenSet = !properties.telegram().botToken().isBlank();
        if (tokenSet && properties.adminChatId() == null) {
            throw new IllegalStateException("email-engine.alerting.admin-chat-id is required when a Telegram bot token "
                    + "is configured (system alerts and unrouted tenants go there)");
        }
        List<Route> routes = properties.routes().stream()
                .map(r -> new Route(r.tenant(), r.severities(), r.chatId(), r.threadId())).toList();
        return new RouteTable(routes, properties.adminChatId() == null ? 0 : properties.adminChatId(),
                properties.adminThreadId(), properties.silentSeverities());
    }

    @Bean
    GroupPolicy groupPolicy(AlertingProperties properties) {
        return new GroupPolicy(new GroupTimers(properties.groupWait(), properties.groupInterval(),
                properties.repeatInterval()));
    }

    @Bean
    SendPacer sendPacer(AlertingProperties properties) {
        AlertingProperties.Telegram telegram = properties.telegram();
        return new SendPacer(telegram.perChatInterval(), telegram.groupMessagesPerMinute(),
                telegram.globalMessagesPerSecond());
    }

    @Bean
    DispatchSettings dispatchSettings(AlertingProperties properties) {
        AlertingProperties.Queue queue = properties.queue();
        if (queue.lease().compareTo(properties.telegram().timeout().multipliedBy(2)) < 0) {
            throw new IllegalStateException("email-engine.alerting.queue.lease must be at least twice "
                    + "email-engine.alerting.telegram.timeout, or a slow send could be taken over and duplicated");
        }
        return new DispatchSettings(queue.lease(), queue.batchSize(),
                new RetryBackoff(queue.retryInitialBackoff(), queue.retryMaxBackoff()));
    }

    @Bean
    List<Inhibition> inhibitions(AlertingProperties properties) {
        AlertingProperties.InhibitionSetting setting = properties.inhibition();
        if (!setting.enabled() || setting.sourceAlertnames().isEmpty()) {
            return List.of();
        }
        String names = setting.sourceAlertnames().stream().map(Pattern::quote).collect(Collectors.joining("|"));
        return List.of(new Inhibition(
                List.of(new LabelMatcher("alertname", MatchOperator.REGEX, names),
                        new LabelMatcher("severity", MatchOperator.EQUAL, "critical")),
                List.of(new LabelMatcher("severity", MatchOperator.REGEX, "warning|info")),
                setting.equalLabels()));
    }

    @Bean
    Housekeeping housekeeping(AlertStore alerts, NotificationQueue queue, AlertingProperties properties, Clock clock) {
        return new Housekeeping(alerts, queue, properties.retention(), properties.resolvedAlertRetention(), clock);
    }

    @Bean
    TelegramBotClient telegramBotClient(AlertingProperties properties) {
        AlertingProperties.Telegram telegram = properties.telegram();
        TelegramBotClient client = new TelegramBotClient(telegram.baseUrl(), telegram.botToken(), telegram.timeout());
        if (!client.configured()) {
            log.warn("No Telegram bot token (email-engine.alerting.telegram.bot-token): alerts are stored and "
                    + "their messages stay queued until one is configured");
        }
        return client;
    }
}
