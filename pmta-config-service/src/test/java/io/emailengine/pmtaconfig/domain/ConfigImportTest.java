package io.emailengine.pmtaconfig.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class ConfigImportTest {

    @Test
    void readsTheFiveVirtualMtasOfTheExistingSampleWithPoolsKeysAndHostnames() throws IOException {
        ConfigImport.Result result = ConfigImport.read(ConfigRendererTest.golden("pmta/existing-config.conf"));

        assertThat(result.vmtas()).containsExactly(
                new ConfigImport.ImportedVmta("203.0.113.10", "mta10.mail1.example.com", "mail1.example.com", "s2026",
                        "/etc/pmta/dkim/s2026.mail1.example.com.pem", "v203-0-113-10", "pool-tenant-a"),
                new ConfigImport.ImportedVmta("203.0.113.12", "mta12.mail1.example.com", "mail1.example.com", "s2026",
                        "/etc/pmta/dkim/s2026.mail1.example.com.pem", "v203-0-113-12", "pool-tenant-a"),
                new ConfigImport.ImportedVmta("203.0.113.13", "mta13.mail3.example.com", "mail3.example.com", "s2026",
                        "/etc/pmta/dkim/s2026.mail3.example.com.pem", "v203-0-113-13", "pool-tenant-a"),
                new ConfigImport.ImportedVmta("203.0.113.11", "mta11.mail2.example.net", "mail2.example.net", "s2026",
                        "/etc/pmta/dkim/s2026.mail2.example.net.pem", "v203-0-113-11", "pool-tenant-b"),
                new ConfigImport.ImportedVmta("203.0.113.14", "mta14.mail2.example.net", "mail2.example.net", "s2026",
                        "/etc/pmta/dkim/s2026.mail2.example.net.pem", "v203-0-113-14", "pool-tenant-b"));
    }

    @Test
    void reportsTheOperatorsGlobalSettingsAsNotImportedWithTheirLines() throws IOException {
        ConfigImport.Result result = ConfigImport.read(ConfigRendererTest.golden("pmta/existing-config.conf"));

        assertThat(result.problems()).contains(
                new ConfigImport.Problem(4, "not imported (operator setting): postmaster"),
                new ConfigImport.Problem(12, "not imported (operator setting): <source>"),
                new ConfigImport.Problem(67, "not imported (operator setting): <domain>"));
    }

    @Test
    void oneBrokenVirtualMtaIsReportedAndTheOthersAreStillImported() {
        String text = """
                <virtual-mta good>
                    smtp-source-host 192.0.2.1 a.example.com
                    domain-key s1, example.com, /etc/pmta/dkim/s1.example.com.pem
                </virtual-mta>
                <virtual-mta bad>
                    smtp-source-host 999.0.2.1 b.example.com
                    frobnicate yes
                </virtual-mta>
                <virtual-mta-pool p>
                    virtual-mta good
                    virtual-mta bad
                </virtual-mta-pool>
                """;

        ConfigImport.Result result = ConfigImport.read(text);

        assertThat(result.vmtas()).extracting(ConfigImport.ImportedVmta::vmta).containsExactly("good");
        assertThat(result.problems()).extracting(ConfigImport.Problem::line).containsExactly(5);
        assertThat(result.problems().get(0).message()).startsWith("virtual-mta bad skipped: smtp-source-host ip");
    }

    @Test
    void unbalancedBlockIsReportedInPowerMtasErrorStyle() {
        ConfigImport.Result result = ConfigImport.read("<virtual-mta a>\n  smtp-source-host 192.0.2.1 a.example.com\n");

        assertThat(result.vmtas()).isEmpty();
        assertThat(result.problems()).containsExactly(
                new ConfigImport.Problem(1, "Error in line 1 of imported config: <virtual-mta> is never closed"));
    }
}
