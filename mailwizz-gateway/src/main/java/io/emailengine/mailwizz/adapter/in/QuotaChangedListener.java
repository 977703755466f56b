package io.emailengine.mailwizz.adapter.in;

import io.emailengine.events.QuotaChanged;
import io.emailengine.kit.consumer.InboundEvents;
import io.emailengine.mailwizz.application.DesiredQuotas;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Consumes QuotaChanged in batches: the idempotent handling of every record of one poll joins ONE
 * transaction, so 1,000 quota changes cost a few commits instead of 1,000 (issue 6: 1,000 applied in
 * 5 s). When one record fails, the batch is rolled back, the records before it are redone one by one,
 * and the failing record is handed to the kit's error handler (retries, then DLT) by its index.
 */
@Component
class QuotaChangedListener {

    private static final String CONSUMER = "mailwizz.quota-changed";

    private final InboundEvents inbound;
    private final DesiredQuotas quotas;
    private final TransactionTemplate tx;

    QuotaChangedListener(InboundEvents inbound, DesiredQuotas quotas, TransactionTemplate tx) {
        this.inbound = inbound;
        this.quotas = quotas;
        this.tx = tx;
    }

    @KafkaListener(topics = "#{T(io.emailengine.events.EventType).QUOTA_CHANGED.topic()}",
            containerFactory = "batchListenerContainerFactory")
    void on(List<ConsumerRecord<String, byte[]>> records) {
        int[] failedAt = {-1};
        try {
            tx.executeWithoutResult(status -> {
                for (int i = 0; i < records.size(); i++) {
                    failedAt[0] = i;
                    handle(records.get(i));
                }
                failedAt[0] = -1;
            });
        } catch (RuntimeException e) {
            int index = Math.max(0, failedAt[0]);
            for (int i = 0; i < index; i++) {
                handle(records.get(i));
            }
            throw new BatchListenerFailedException("QuotaChanged record " + index + " of the batch failed", e, index);
        }
    }

    private void handle(ConsumerRecord<String, byte[]> record) {
        inbound.handle(record, QuotaChanged.class, CONSUMER, quotas::change);
    }
}
