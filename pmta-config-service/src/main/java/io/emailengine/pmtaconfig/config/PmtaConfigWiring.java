package io.emailengine.pmtaconfig.config;

import io.emailengine.events.provider.ProviderCatalogue;
import io.emailengine.pmtaconfig.adapter.out.SshSettings;
import io.emailengine.pmtaconfig.application.ConfigRendering;
import io.emailengine.pmtaconfig.application.ConvergenceSettings;
import io.emailengine.pmtaconfig.domain.ProviderRoute;
import io.emailengine.pmtaconfig.domain.RenderSettings;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties(PmtaConfigProperties.class)
public class PmtaConfigWiring {

    /** Validated at startup: a bad accounting path or a catalogue domain that is not LDH fails fast here. */
    @Bean
    ConfigRendering configRendering(ProviderCatalogue catalogue, PmtaConfigProperties properties) {
        PmtaConfigProperties.Accounting accounting = properties.accounting();
        return new ConfigRendering(
                catalogue.definitions().stream()
                        .map(d -> new ProviderRoute(d.provider().name(), d.domains(), d.mxSuffixes()))
                        .toList(),
                new RenderSettings(accounting.defaultDkimKeyDir(), accounting.file(), accounting.moveInterval(),
                        accounting.maxSize()));
    }

    @Bean
    ConvergenceSettings convergenceSettings(PmtaConfigProperties properties) {
        PmtaConfigProperties.Deploy deploy = properties.deploy();
        return new ConvergenceSettings(deploy.debounce(), deploy.fullCheckEvery(), deploy.retryBackoffMin(),
                deploy.retryBackoffMax());
    }

    @Bean
    SshSettings sshSettings(PmtaConfigProperties properties) {
        PmtaConfigProperties.Ssh ssh = properties.ssh();
        return new SshSettings(ssh.connectTimeout(), ssh.commandTimeout(), ssh.attempts(), ssh.firstBackoff(),
                ssh.breakerOpenFor());
    }
}
