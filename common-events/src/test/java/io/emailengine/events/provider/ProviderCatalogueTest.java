package io.emailengine.events.provider;

import io.emailengine.events.types.Provider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProviderCatalogueTest {

    private final ProviderCatalogue catalogue = ProviderCatalogue.defaults();

    @ParameterizedTest
    @CsvSource({
            "gmail.com, gmail",
            "GoogleMail.com, gmail",
            "Outlook.COM, microsoft",
            "hotmail.co.uk, microsoft",
            "yahoo.com, yahoo",
            "aol.com, yahoo",
            "example.org, other",
            "mail.gmail.com, other",
            "gmail.com., gmail",
    })
    void recipientDomainsMatchExactlyAndCaseInsensitively(String domain, String provider) {
        assertThat(catalogue.byRecipientDomain(domain)).isEqualTo(Provider.of(provider));
    }

    @Test
    void fullAddressIsAttributedByItsDomain() {
        assertThat(catalogue.byRecipient("Jane.Doe@Hotmail.com")).isEqualTo(Provider.MICROSOFT);
    }

    @ParameterizedTest
    @CsvSource({
            "gmail-smtp-in.l.google.com, gmail",
            "alt1.gmail-smtp-in.l.google.com., gmail",
            "example-com.mail.protection.outlook.com, microsoft",
            "mx1.hotmail.com.olc.protection.outlook.com, microsoft",
            "mta7.am0.yahoodns.net, yahoo",
            "evilgoogle.com, other",
            "google.com.example.org, other",
            "mx.example.com, other",
    })
    void mxHostsMatchSuffixesOnLabelBoundaries(String mxHost, String provider) {
        assertThat(catalogue.byMxHost(mxHost)).isEqualTo(Provider.of(provider));
    }

    @ParameterizedTest
    @CsvSource({
            "gmail.rollup, gmail",
            "microsoft.rollup/v203-0-113-10, microsoft",
            "outlook.rollup, microsoft",
            "yahoo.rollup/vmta18, yahoo",
            "gmail.com/vmta48, gmail",
            "unknown.rollup, other",
    })
    void rollupQueuesAreAttributedByName(String queue, String provider) {
        assertThat(catalogue.byRollupName(queue)).isEqualTo(Provider.of(provider));
    }

    @Test
    void defaultsContainTheFourStandardProviders() {
        assertThat(catalogue.providers())
                .containsExactly(Provider.GMAIL, Provider.MICROSOFT, Provider.YAHOO, Provider.OTHER);
        assertThat(catalogue.definitions()).allSatisfy(definition -> {
            if (!definition.provider().equals(Provider.OTHER)) {
                assertThat(definition.domains()).isNotEmpty();
            }
        });
    }

    @Test
    void overridesReplaceAProvidersDomainsAndAddNewProviders() {
        ProviderCatalogue custom = catalogue.withOverrides(List.of(
                new ProviderDefinition(Provider.GMAIL, List.of("gmail.com"), List.of("google.com")),
                new ProviderDefinition(Provider.of("gmx"), List.of("gmx.de", "gmx.net"), List.of("gmx.net"))));

        assertThat(custom.byRecipientDomain("googlemail.com")).isEqualTo(Provider.OTHER);
        assertThat(custom.byRecipientDomain("gmail.com")).isEqualTo(Provider.GMAIL);
        assertThat(custom.byRecipientDomain("GMX.de")).isEqualTo(Provider.of("gmx"));
        assertThat(custom.byRecipientDomain("outlook.com")).isEqualTo(Provider.MICROSOFT);
        assertThat(custom.providers()).contains(Provider.of("gmx"), Provider.OTHER);
        assertThat(catalogue.byRecipientDomain("googlemail.com")).isEqualTo(Provider.GMAIL);
    }

    @Test
    void aDomainClaimedByTwoProvidersIsRejectedNamingIt() {
        List<ProviderDefinition> clash = List.of(
                new ProviderDefinition(Provider.GMAIL, List.of("gmail.com", "example.net"), List.of()),
                new ProviderDefinition(Provider.YAHOO, List.of("Example.NET"), List.of()));

        assertThatThrownBy(() -> ProviderCatalogue.of(clash))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'example.net'")
                .hasMessageContaining("gmail")
                .hasMessageContaining("yahoo");
    }

    @Test
    void overrideThatClaimsAnotherProvidersDomainIsRejected() {
        List<ProviderDefinition> steal = List.of(new ProviderDefinition(Provider.of("gmx"), List.of("gmail.com"), List.of()));

        assertThatThrownBy(() -> catalogue.withOverrides(steal))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'gmail.com'");
    }

    @Test
    void otherIsAlwaysPresentAsFallback() {
        ProviderCatalogue onlyGmail = ProviderCatalogue.of(
                List.of(new ProviderDefinition(Provider.GMAIL, List.of("gmail.com"), List.of())));

        assertThat(onlyGmail.providers()).containsExactly(Provider.GMAIL, Provider.OTHER);
        assertThat(onlyGmail.byRecipientDomain("yahoo.com")).isEqualTo(Provider.OTHER);
    }

    @Test
    void invalidDomainsAreRejected() {
        assertThatThrownBy(() -> new ProviderDefinition(Provider.GMAIL, List.of("gmail com"), List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("gmail com");
    }
}
