package io.emailengine.bounceingest.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import io.emailengine.bounceingest.BounceIngestServiceApplication;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;
import org.springframework.boot.SpringApplication;

/**
 * The service, run by {@link LargeFileIngest} in a JVM of its own, reporting its peak heap when it
 * stops. The heap is fullest just before a collection, so the peak is taken from the collector's
 * notifications (heap pools before each GC); a sampler every 10 ms covers the time after the last one.
 * The largest heap left after a collection bounds what the service really holds; with G1's young
 * collections it includes old-generation garbage, so the telling fact is rather that a file several
 * times the heap goes through at all (with -XX:+ExitOnOutOfMemoryError the service would die).
 */
public final class HeapWatchingService {

    static final String PREFIX = "HEAP-REPORT ";
    private static final AtomicLong PEAK_BEFORE_GC = new AtomicLong();
    private static final AtomicLong PEAK_AFTER_GC = new AtomicLong();
    private static final AtomicLong PEAK_SAMPLED = new AtomicLong();
    private static final AtomicLong COLLECTIONS = new AtomicLong();

    private HeapWatchingService() {
    }

    public static void main(String[] args) {
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((NotificationEmitter) collector).addNotificationListener((notification, handback) -> {
                if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                    return;
                }
                GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
                long used = heapUsed(info.getGcInfo().getMemoryUsageBeforeGc());
                PEAK_BEFORE_GC.accumulateAndGet(used, Math::max);
                PEAK_AFTER_GC.accumulateAndGet(heapUsed(info.getGcInfo().getMemoryUsageAfterGc()), Math::max);
                COLLECTIONS.incrementAndGet();
            }, null, null);
        }
        Thread sampler = new Thread(() -> {
            while (true) {
                PEAK_SAMPLED.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "heap-sampler");
        sampler.setDaemon(true);
        sampler.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> System.out.printf(Locale.ROOT,
                PREFIX + "service JVM -Xmx %,d MB: peak heap used %,d MB (before GC, %,d collections; %,d MB sampled),"
                        + " peak heap after GC %,d MB (young collections leave old-generation garbage: an upper bound of live data)%n",
                Runtime.getRuntime().maxMemory() / (1024 * 1024), PEAK_BEFORE_GC.get() / (1024 * 1024), COLLECTIONS.get(),
                PEAK_SAMPLED.get() / (1024 * 1024), PEAK_AFTER_GC.get() / (1024 * 1024))));
        SpringApplication.run(BounceIngestServiceApplication.class, args);
    }

    private static long heapUsed(Map<String, MemoryUsage> pools) {
        long used = 0;
        for (var pool : ManagementFactory.getMemoryPoolMXBeans()) {
            MemoryUsage usage = pools.get(pool.getName());
            if (pool.getType() == MemoryType.HEAP && usage != null) {
                used += usage.getUsed();
            }
        }
        return used;
    }
}
