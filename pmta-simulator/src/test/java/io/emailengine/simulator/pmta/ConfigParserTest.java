package io.emailengine.simulator.pmta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigParserTest {

    private static final String INCLUDE = "/etc/pmta/email-engine.d/engine.conf";

    @TempDir
    Path root;
    private ConfigParser parser;

    @BeforeEach
    void mainConfig() throws IOException {
        parser = new ConfigParser(root);
        write(PmtaHostSimulator.MAIN_CONFIG, PmtaHostSimulator.defaultMainConfig("pmta-1"));
    }

    private void write(String hostPath, String text) throws IOException {
        Path local = root.resolve(hostPath.substring(1));
        Files.createDirectories(local.getParent());
        Files.writeString(local, text);
    }

    @Test
    void defaultMainConfigWithoutEngineFilesIsValidAndHasNoVirtualMtas() throws Exception {
        LiveConfig config = parser.parse(PmtaHostSimulator.MAIN_CONFIG);

        assertThat(config.virtualMtas()).isEmpty();
        assertThat(config.globalDomains()).containsKey("*");
        assertThat(config.files()).containsExactly(PmtaHostSimulator.MAIN_CONFIG);
    }

    @Test
    void goldenRenderOfPmtaConfigServiceParsesIntoVirtualMtasPoolsRatesAndAccountingFile() throws Exception {
        write(INCLUDE, Fixtures.resource(Fixtures.GOLDEN));

        LiveConfig config = parser.parse(PmtaHostSimulator.MAIN_CONFIG);

        assertThat(config.files()).containsExactly(PmtaHostSimulator.MAIN_CONFIG, INCLUDE);
        assertThat(config.virtualMtas()).containsOnlyKeys("v203-0-113-10", "v203-0-113-11", "v203-0-113-12");
        LiveConfig.VirtualMta v10 = config.virtualMtas().get("v203-0-113-10");
        assertThat(v10.sourceIp()).isEqualTo("203.0.113.10");
        assertThat(v10.heloHost()).isEqualTo("mta10.mail1.example.com");
        assertThat(v10.dkimDomain()).isEqualTo("mail1.example.com");
        assertThat(v10.pools()).containsExactly("tenant-a");
        assertThat(v10.domains().get("gmail.rollup").maxMsgRate().perHour()).isEqualTo(1200.0);
        assertThat(v10.domains().get("gmail.rollup").maxSmtpOut()).isEqualTo(4);
        assertThat(v10.domains().get("*").maxMsgRate().perHour()).isCloseTo(498.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(v10.domains().get("yahoo.rollup").paused()).isTrue();
        assertThat(v10.domains().get("gmail.rollup").paused()).isFalse();
        assertThat(config.pools()).containsEntry("tenant-a", java.util.List.of("v203-0-113-10", "v203-0-113-12"));
        assertThat(config.mxRollups().get("microsoft.rollup")).containsExactly("*.mail.protection.outlook.com", "*.olc.protection.outlook.com");
        assertThat(config.accountingFiles()).singleElement().satisfies(acct -> {
            assertThat(acct.path()).isEqualTo("/var/log/pmta/email-engine-acct.csv");
            assertThat(acct.records()).containsExactly("d", "b", "t", "rb", "f");
            assertThat(acct.moveInterval()).isEqualTo(Duration.ofMinutes(5));
            assertThat(acct.maxSize()).isEqualTo(50L * 1024 * 1024);
            assertThat(acct.headerFields()).containsExactly("header_Message-Id");
        });
        assertThat(config.generatedHash()).isEqualTo("857fdd6f3b6a031bd5949793a1e93f4caeea833c170a851c15c4cbbbfaeb39c5");
    }

    @Test
    void operatorsExistingConfigFromTheSamplesParses() throws Exception {
        write(PmtaHostSimulator.MAIN_CONFIG, Fixtures.resource(Fixtures.EXISTING));

        LiveConfig config = parser.parse(PmtaHostSimulator.MAIN_CONFIG);

        assertThat(config.virtualMtas()).hasSize(5);
        assertThat(config.virtualMtas().get("v203-0-113-13").dkimDomain()).isEqualTo("mail3.example.com");
        assertThat(config.pools().get("pool-tenant-b")).containsExactly("v203-0-113-11", "v203-0-113-14");
        assertThat(config.accountingFiles()).singleElement().extracting(LiveConfig.AccountingFile::path).isEqualTo("/var/log/pmta/acct.csv");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown directive               | 16 | 16 |     smtp-source-ip 203.0.113.10                         | unknown directive 'smtp-source-ip'
            invented throttle               | 20 | 20 |         throttle 100/hour                               | unknown directive 'throttle'
            bad rate                        | 18 | 18 |         max-msg-rate 1200/hour                          | invalid value '1200/hour' for max-msg-rate
            rate without unit               | 18 | 18 |         max-msg-rate 1200                               | invalid value '1200' for max-msg-rate
            non-numeric connections         | 19 | 19 |         max-smtp-out four                               | invalid value 'four' for max-smtp-out
            bad source IP                   | 15 | 15 |     smtp-source-host 203.0.113.300 mta10.mail1.example.com | is not an IP address
            injected command after value    | 15 | 15 |     smtp-source-host 203.0.113.10 mta.example.com; rm -rf / | invalid value
            injected section in a value     | 18 | 18 |         max-msg-rate 100/h <virtual-mta evil>            | invalid value
            directive in the wrong section  | 19 | 19 |         records d,b                                      | directive 'records' is not allowed in <domain>
            section in the wrong place      | 16 | 16 |     <virtual-mta evil>                                   | section <virtual-mta> is not allowed in <virtual-mta>
            invented section                | 16 | 16 |     <bind 203.0.113.10>                                  | unknown section <bind>
            """)
    void brokenLineIsReportedWithItsLineNumberInPowerMtasStyle(String what, int replaced, int errorLine, String line, String message)
            throws Exception {
        String[] lines = Fixtures.resource(Fixtures.GOLDEN).split("\n", -1);
        lines[replaced - 1] = line;
        write(INCLUDE, String.join("\n", lines));

        assertThatThrownBy(() -> parser.parse(PmtaHostSimulator.MAIN_CONFIG))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("Error in line " + errorLine + " of " + INCLUDE + ": ")
                .hasMessageContaining(message);
    }

    @Test
    void missingClosingTagIsReportedAtTheEndWithTheLineWhereTheSectionOpened() throws Exception {
        String golden = Fixtures.resource(Fixtures.GOLDEN);
        String broken = golden.replace("</acct-file>\n", "");
        write(INCLUDE, broken);
        int lines = broken.split("\n", -1).length;

        assertThatThrownBy(() -> parser.parse(PmtaHostSimulator.MAIN_CONFIG))
                .hasMessage("Error in line " + lines + " of " + INCLUDE + ": <acct-file> opened in line 83 is not closed (missing </acct-file>)");
    }

    @Test
    void mismatchedClosingTagIsAnError() throws Exception {
        String[] lines = Fixtures.resource(Fixtures.GOLDEN).split("\n", -1);
        lines[20] = "    </virtual-mta>"; // should close the <domain gmail.rollup> of line 17
        write(INCLUDE, String.join("\n", lines));

        assertThatThrownBy(() -> parser.parse(PmtaHostSimulator.MAIN_CONFIG))
                .hasMessage("Error in line 21 of " + INCLUDE + ": found </virtual-mta> but expected </domain>");
    }

    @Test
    void poolNamingAnUndefinedVirtualMtaIsAnError() throws Exception {
        write(INCLUDE, Fixtures.resource(Fixtures.GOLDEN).replace("    virtual-mta v203-0-113-11\n", "    virtual-mta v203-0-113-99\n"));

        assertThatThrownBy(() -> parser.parse(PmtaHostSimulator.MAIN_CONFIG))
                .hasMessageStartingWith("Error in line ")
                .hasMessageContaining("unknown virtual-mta 'v203-0-113-99'");
    }

    @Test
    void includeOfAMissingFileIsAnErrorButAnEmptyGlobIsNot() throws Exception {
        write(PmtaHostSimulator.MAIN_CONFIG, "run-as-root no\ninclude /etc/pmta/none/*.conf\ninclude /etc/pmta/missing.conf\n");

        assertThatThrownBy(() -> parser.parse(PmtaHostSimulator.MAIN_CONFIG))
                .hasMessage("Error in line 3 of /etc/pmta/config: cannot open include file /etc/pmta/missing.conf: No such file or directory");
    }

    @Test
    void globIncludesOnlyConfFilesSoUploadAndBackupNamesAreIgnored() throws Exception {
        write(INCLUDE, Fixtures.resource(Fixtures.GOLDEN));
        write(INCLUDE + ".upload", "this is not a config");
        write(INCLUDE + ".bak", "neither is this");

        assertThat(parser.parse(PmtaHostSimulator.MAIN_CONFIG).virtualMtas()).hasSize(3);
    }

    @Test
    void includeCannotLeaveTheHostRoot() throws Exception {
        write(PmtaHostSimulator.MAIN_CONFIG, "include /etc/../../outside.conf\n");

        assertThatThrownBy(() -> parser.parse(PmtaHostSimulator.MAIN_CONFIG))
                .hasMessageStartingWith("Error in line 1 of /etc/pmta/config: invalid value");
    }

    @Test
    void ratesFollowTheReferenceGrammar() {
        assertThat(Rate.parse("500/h").perHour()).isEqualTo(500.0);
        assertThat(Rate.parse("83/10m").perSecond()).isEqualTo(83.0 / 600);
        assertThat(Rate.parse("2/sec").perSecond()).isEqualTo(2.0);
        assertThat(Rate.parse("2400/day").perHour()).isEqualTo(100.0);
        assertThat(Rate.parse("0/h").zero()).isTrue();
        assertThat(Rate.parse("unlimited").unlimited()).isTrue();
        assertThatThrownBy(() -> Rate.parse("100/hour")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Rate.parse("-1/h")).isInstanceOf(IllegalArgumentException.class);
    }
}
