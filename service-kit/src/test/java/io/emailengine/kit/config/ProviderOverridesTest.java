package io.emailengine.kit.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.emailengine.events.provider.ProviderCatalogue;
import io.emailengine.events.types.Provider;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class ProviderOverridesTest {

    @Test
    void configuredProvidersOverrideAndExtendTheSharedCatalogue() {
        MapConfigurationPropertySource source = new MapConfigurationPropertySource(Map.of(
                "email-engine.providers[0].provider", "yahoo",
                "email-engine.providers[0].domains", "yahoo.com,ymail.com,yahoo.example",
                "email-engine.providers[0].mx-suffixes", "yahoodns.net",
                "email-engine.providers[1].provider", "gmx",
                "email-engine.providers[1].domains", "gmx.net,gmx.de",
                "email-engine.providers[1].mx-suffixes", "gmx.net"));
        EmailEngineProperties properties = new Binder(source).bind("email-engine", EmailEngineProperties.class).get();

        ProviderCatalogue catalogue = ProviderCatalogue.defaults().withOverrides(properties.providers());

        assertThat(catalogue.byRecipientDomain("yahoo.example")).isEqualTo(Provider.YAHOO);
        assertThat(catalogue.byRecipientDomain("gmx.de")).isEqualTo(new Provider("gmx"));
        assertThat(catalogue.byRecipientDomain("gmail.com")).isEqualTo(Provider.GMAIL);
    }

    @Test
    void withoutOverridesTheCatalogueIsTheSharedDefault() {
        EmailEngineProperties properties = new Binder(new MapConfigurationPropertySource(Map.of()))
                .bindOrCreate("email-engine", EmailEngineProperties.class);
        assertThat(ProviderCatalogue.defaults().withOverrides(properties.providers()).definitions())
                .isEqualTo(ProviderCatalogue.defaults().definitions());
    }
}
