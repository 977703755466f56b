package io.emailengine.pmtaconfig.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConfigRendererTest {

    private final ConfigRenderer renderer = RenderFixtures.renderer();

    @Test
    void rendersTheGoldenIncludeFileForTwoTenants() throws IOException {
        RenderedConfig config = renderer.render("pmta-1", 7, RenderFixtures.twoTenants());

        assertThat(config.text()).isEqualTo(golden("golden/engine-two-tenants.conf"));
        assertThat(config.vmtaCount()).isEqualTo(3);
    }

    @Test
    void sameDesiredStateInAnyOrderGivesByteIdenticalFileAndHash() {
        List<VmtaState> shuffled = new ArrayList<>(RenderFixtures.twoTenants());
        Collections.reverse(shuffled);

        RenderedConfig first = renderer.render("pmta-1", 3, RenderFixtures.twoTenants());
        RenderedConfig second = RenderFixtures.renderer().render("pmta-1", 3, shuffled);

        assertThat(second.text()).isEqualTo(first.text());
        assertThat(second.contentHash()).isEqualTo(first.contentHash()).hasSize(64);
        assertThat(first.text()).contains("# version: 3\n", "# content-sha256: " + first.contentHash() + "\n");
    }

    @Test
    void catalogueOrderDoesNotChangeTheFile() {
        List<ProviderRoute> reversed = new ArrayList<>(RenderFixtures.catalogueRoutes());
        Collections.reverse(reversed);

        String text = new ConfigRenderer(RenderFixtures.SETTINGS, reversed).render("pmta-1", 7, RenderFixtures.twoTenants()).text();

        assertThat(text).isEqualTo(renderer.render("pmta-1", 7, RenderFixtures.twoTenants()).text());
    }

    @Test
    void aChangedLimitChangesTheContentHash() {
        List<VmtaState> changed = new ArrayList<>(RenderFixtures.twoTenants());
        changed.set(2, VmtaState.of("v203-0-113-12", "203.0.113.12", "mta12.mail1.example.com", "mail1.example.com",
                "s2026", "tenant-a", Map.of("gmail", new VmtaLimits("60/h", 1, 5)), Set.of()));

        assertThat(renderer.body("pmta-1", changed).contentHash())
                .isNotEqualTo(renderer.body("pmta-1", RenderFixtures.twoTenants()).contentHash());
    }

    @Test
    void providerCapCoversAllDomainsThroughOneRollupQueuePerVirtualMta() {
        String text = renderer.render("pmta-1", 1, RenderFixtures.twoTenants()).text();

        assertThat(text).contains("    mx *.mail.protection.outlook.com microsoft.rollup rollup-by-ip\n",
                "    mx *.google.com gmail.rollup rollup-by-ip\n");
        assertThat(text).doesNotContain("<domain hotmail.com>", "<domain outlook.com>");
        assertThat(text.split("<domain microsoft.rollup>", -1)).hasSize(3);
    }

    @Test
    void providerWithoutMxSuffixesGetsOneBlockPerDomainWithTheSameLimits() {
        ConfigRenderer listed = new ConfigRenderer(RenderFixtures.SETTINGS,
                List.of(new ProviderRoute("gmx", List.of("gmx.de", "gmx.net"), List.of())));
        VmtaState vmta = VmtaState.of("v1", "192.0.2.1", "a.example.com", "example.com", "s1", "t",
                Map.of("gmx", new VmtaLimits("100/h", 3, 7)), Set.of());

        String text = listed.render("h", 1, List.of(vmta)).text();

        assertThat(text).contains("    <domain gmx.de>    # provider gmx\n        max-msg-rate 100/h\n        max-smtp-out 3\n"
                + "        max-msg-per-connection 7\n    </domain>\n    <domain gmx.net>");
        assertThat(text).doesNotContain("mx-rollup-list");
    }

    @Test
    void pausedProviderIsHeldAtZeroRateAndEveryLimitIsWrittenExplicitly() {
        String text = renderer.render("pmta-1", 1, RenderFixtures.twoTenants()).text();

        assertThat(text).contains("    <domain yahoo.rollup>    # paused provider yahoo\n        max-msg-rate 0/h\n"
                + "        max-smtp-out 1\n        max-msg-per-connection 1\n    </domain>\n");
    }

    @Test
    void refusesLimitsForAProviderTheCatalogueDoesNotKnow() {
        VmtaState vmta = VmtaState.of("v1", "192.0.2.1", "a.example.com", "example.com", "s1", "t",
                Map.of("unknownmail", new VmtaLimits("100/h", 3, 7)), Set.of());

        assertThatThrownBy(() -> renderer.render("h", 1, List.of(vmta)))
                .isInstanceOf(InvalidConfigValueException.class)
                .hasMessageContaining("providerLimits.unknownmail");
    }

    @Test
    void renderedFileParsesAsBalancedPowerMtaSyntax() {
        String text = renderer.render("pmta-1", 1, RenderFixtures.twoTenants()).text();

        List<PmtaConfigSyntax.Node> nodes = PmtaConfigSyntax.parse("engine.conf", text);

        assertThat(nodes).extracting(PmtaConfigSyntax.Node::keyword).containsExactly("mx-rollup-list", "virtual-mta",
                "virtual-mta", "virtual-mta", "virtual-mta-pool", "virtual-mta-pool", "acct-file");
        assertThat(text).contains("record-fields d *,header_Message-Id\n", "record-fields b *,header_Message-Id\n",
                "record-fields t *,header_Message-Id\n");
    }

    static String golden(String resource) throws IOException {
        try (InputStream in = ConfigRendererTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
