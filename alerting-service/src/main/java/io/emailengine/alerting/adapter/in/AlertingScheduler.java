package io.emailengine.alerting.adapter.in;

import io.emailengine.alerting.application.GroupEvaluator;
import io.emailengine.alerting.application.Housekeeping;
import io.emailengine.alerting.application.NotificationDispatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The two clocks of alerting: evaluate due groups, then work the send queue. Both are safe with
 * several replicas (groups are locked row by row, queue rows are claimed with SKIP LOCKED and a lease).
 */
@Component
@ConditionalOnProperty(name = "email-engine.alerting.scheduler.enabled", havingValue = "true", matchIfMissing = true)
class AlertingScheduler {

    private static final Logger log = LoggerFactory.getLogger(AlertingScheduler.class);

    private final GroupEvaluator evaluator;
    private final NotificationDispatcher dispatcher;
    private final Housekeeping housekeeping;

    AlertingScheduler(GroupEvaluator evaluator, NotificationDispatcher dispatcher, Housekeeping housekeeping) {
        this.evaluator = evaluator;
        this.dispatcher = dispatcher;
        this.housekeeping = housekeeping;
    }

    @Scheduled(fixedDelayString = "${email-engine.alerting.scheduler.evaluate-every:1s}")
    void evaluateGroups() {
        try {
            evaluator.evaluateDue();
        } catch (RuntimeException e) {
            log.warn("Group evaluation round failed, retrying next round: {}", e.toString());
        }
    }

    @Scheduled(fixedDelayString = "${email-engine.alerting.scheduler.housekeeping-every:1h}")
    void purgeOldHistory() {
        try {
            housekeeping.purge();
        } catch (RuntimeException e) {
            log.warn("Housekeeping failed, retrying next round: {}", e.toString());
        }
    }

    @Scheduled(fixedDelayString = "${email-engine.alerting.scheduler.dispatch-every:500ms}")
    void dispatchNotifications() {
        try {
            dispatcher.dispatchDue();
        } catch (RuntimeException e) {
            log.warn("Send queue round failed, retrying next round: {}", e.toString());
        }
    }
}
