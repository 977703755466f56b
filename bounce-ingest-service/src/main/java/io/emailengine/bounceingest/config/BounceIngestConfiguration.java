package io.emailengine.bounceingest.config;

import io.emailengine.bounceingest.application.AccountingIngestion;
import io.emailengine.bounceingest.application.DedupeRetention;
import io.emailengine.bounceingest.application.DeliveryReports;
import io.emailengine.bounceingest.application.IngestMetrics;
import io.emailengine.bounceingest.application.IngestStore;
import io.emailengine.bounceingest.application.IpAttributionStore;
import io.emailengine.bounceingest.adapter.out.SftpAccountingFiles;
import io.emailengine.bounceingest.application.parse.AccountingCsvReader;
import io.emailengine.bounceingest.application.pull.AccountingPull;
import io.emailengine.bounceingest.application.pull.PullCheckpointStore;
import io.emailengine.bounceingest.application.pull.RemoteAccountingFiles;
import io.emailengine.bounceingest.application.parse.AccountingJsonReader;
import io.emailengine.bounceingest.domain.Classifier;
import io.emailengine.bounceingest.domain.ProviderResolver;
import io.emailengine.bounceingest.domain.RecordInterpreter;
import io.emailengine.events.provider.ProviderCatalogue;
import io.emailengine.kit.outbox.OutboxPublisher;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.transaction.support.TransactionTemplate;

@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties(BounceIngestProperties.class)
public class BounceIngestConfiguration {

    @Bean
    RecordInterpreter recordInterpreter(BounceIngestProperties properties, ProviderCatalogue catalogue) {
        return new RecordInterpreter(new Classifier(properties.signalTable()), new ProviderResolver(catalogue));
    }

    /**
     * Accounting posts run to hundreds of megabytes: the connector reads the socket
     * {@value #SOCKET_READ_BYTES} bytes at a time rather than Tomcat's 8 KB (a system call per twenty
     * records on the request thread, which parses).
     */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> largeRequestBodies() {
        return factory -> factory.addConnectorCustomizers(connector ->
                connector.setProperty("socket.appReadBufSize", Integer.toString(SOCKET_READ_BYTES)));
    }

    static final int SOCKET_READ_BYTES = 64 * 1024;

    @Bean
    IngestMetrics ingestMetrics(MeterRegistry registry) {
        return new IngestMetrics(registry);
    }

    @Bean
    AccountingIngestion accountingIngestion(RecordInterpreter interpreter, IpAttributionStore owners, IngestStore store,
                                            OutboxPublisher outbox, TransactionTemplate tx, Clock clock,
                                            IngestMetrics metrics, BounceIngestProperties properties,
                                            ExecutorService ingestCommitter) {
        return new AccountingIngestion(interpreter, owners, store, outbox, tx, clock, metrics, properties.window(),
                properties.batchSize(), properties.maxReportedErrors(), ingestCommitter,
                !properties.messageOriginRetention().isZero());
    }

    /**
     * Commits the batches of the sessions being ingested (a few batches in flight per session), so a
     * session's next batch is parsed while the database works on its previous one.
     */
    @Bean(destroyMethod = "shutdown")
    ExecutorService ingestCommitter() {
        AtomicInteger threads = new AtomicInteger();
        return Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "ingest-commit-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    @Bean
    DeliveryReports deliveryReports(IngestStore store, OutboxPublisher outbox, TransactionTemplate tx, Clock clock,
                                    IngestMetrics metrics) {
        return new DeliveryReports(store, outbox, tx, clock, metrics);
    }

    @Bean
    DedupeRetention dedupeRetention(IngestStore store, TransactionTemplate tx, Clock clock, BounceIngestProperties properties) {
        return new DedupeRetention(store, tx, clock, properties.dedupeRetention(), properties.messageOriginRetention());
    }

    @Bean
    SftpAccountingFiles sftpAccountingFiles(BounceIngestProperties properties) {
        return new SftpAccountingFiles(properties.pull().hosts(), properties.pull().connectTimeout());
    }

    @Bean
    AccountingPull accountingPull(RemoteAccountingFiles files, PullCheckpointStore checkpoints, AccountingIngestion ingestion,
                                  AccountingCsvReader csv, TransactionTemplate tx, Clock clock, MeterRegistry registry,
                                  BounceIngestProperties properties) {
        return new AccountingPull(files, checkpoints, ingestion, csv, tx, clock, registry, properties.pull().chunkBytes(),
                properties.maxLineChars());
    }

    @Bean
    AccountingCsvReader accountingCsvReader(BounceIngestProperties properties) {
        return new AccountingCsvReader(properties.maxLineChars());
    }

    @Bean
    AccountingJsonReader accountingJsonReader(BounceIngestProperties properties) {
        return new AccountingJsonReader(properties.maxLineChars());
    }
}
