package io.emailengine.warmup.application;

import io.emailengine.warmup.domain.ProviderStats;
import io.emailengine.warmup.domain.ProviderWarmup;
import io.emailengine.warmup.domain.RegisteredIp;
import java.util.List;

/** One warming IP as a tick sees it: inventory, every provider's state and its statistics. */
public record IpWarmup(RegisteredIp ip, List<Provider> providers) {

    public record Provider(ProviderWarmup state, ProviderStats stats) {
    }
}
