package io.emailengine.bounceingest.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.emailengine.bounceingest.application.parse.AccountingCsvReader;
import io.emailengine.bounceingest.application.parse.AccountingJsonReader;
import io.emailengine.bounceingest.application.parse.RecordSink;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Record keys are persisted as dedupe keys: the same record must keep its key across releases, or a
 * re-posted file would be counted again. The expected keys below were computed by the released code.
 */
class RecordKeyTest {

    private static final Instant AT = Instant.parse("2026-11-20T08:00:03Z");

    @Test
    void keyOfAMapRecordIsPinned() {
        assertThat(RecordKey.of(new AccountingRecord(2, Map.of("type", "b", "timeLogged", "2026-11-20 08:00:03+0000",
                "rcpt", "a@x")), AT)).hasToString("01a1f7f8-3bb8-8c7e-8486-3bed3fff6c9b");
    }

    @Test
    void keyOfAnUnsortedMapWithNonAsciiTextAndFractionalTimeIsPinned() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("type", "t");
        fields.put("timeLogged", "1795161603.25");
        fields.put("rcpt", "zo\u00eb@ex\u00e4mple.test");
        fields.put("dsnDiag", "smtp;421 4.7.0 \u2603 \uD83D\uDE00 try later");
        fields.put("header_Subject", "Gr\u00fc\u00dfe");
        fields.put("Zeta", "upper");
        fields.put("header_From", "\"A\" <a@b>");

        assertThat(RecordKey.of(new AccountingRecord(9, fields), Instant.parse("2026-11-20T08:00:03.25Z")))
                .hasToString("01a1f7f8-3cb2-8a7d-8d68-1fee8c970fff");
    }

    @Test
    void keyOfARecordLongerThanTheInitialBufferIsPinned() {
        AccountingRecord record = new AccountingRecord(3, Map.of("type", "b", "timeLogged", "1795161603",
                "dsnDiag", "x".repeat(5000) + "\u00e9".repeat(1000)));

        assertThat(RecordKey.of(record, AT)).hasToString("01a1f7f8-3bb8-8b2d-949a-24454967b1bb");
    }

    @Test
    void keysOfTheSampleCsvFilesArePinned() throws IOException {
        assertThat(keys("acct-2026-11-20-0000.csv")).containsExactly(
                "01a1f7f8-33e8-8245-8d6b-fa1517f11f13",
                "01a1f7f8-37d0-8bfb-b6cd-9c6f8c300874",
                "01a1f7f8-3bb8-83d8-a5b0-3ee892b27927",
                "01a1f7f8-3fa0-8d2b-987e-3b91358955ee",
                "01a1f7f8-4388-80f2-b1c7-8beb224f7ccd",
                "01a1f7f8-4770-8524-af8b-95dc12938921",
                "01a1f7f8-4b58-8034-8226-2dec129daff1",
                "01a1f7f8-4f40-8944-b403-5dbc9fcc0d04",
                "01a1f7f8-5328-8619-9b17-c0f88d982030");
        assertThat(keys("acct-fbl-2026-11-20-0100.csv")).containsExactly(
                "01a1f83a-c6e0-8322-b921-9f7a0e6b0b9c",
                "01a1f83b-0d30-859c-a94e-c569e3488464");
        assertThat(keys("acct-remote-bounce-2026-11-20-0200.csv")).containsExactly(
                "01a1f87c-b1e0-8cbf-b592-c27fb37acad7",
                "01a1f87d-1770-8c0b-b4fd-7fa44a1cb0e8");
    }

    @Test
    void keysOfCsvRecordsUnderAReappearingHeaderWithAnEmptyColumnArePinned() {
        String csv = "type,timeLogged,rcpt\nd,2026-11-20 08:00:01+0000,a@x.example\n"
                + "type,rcpt,timeLogged,newColumn,Empty\nb,b@x.example,1795161602,kept,\n";

        assertThat(keys(csv(new StringReader(csv)))).containsExactly(
                "01a1f7f8-33e8-80c2-aa79-3314c5ed9490",
                "01a1f7f8-37d0-80c6-a79b-ed8aead42566");
    }

    @Test
    void keyOfAJsonRecordIsPinned() {
        List<AccountingRecord> records = new ArrayList<>();
        new AccountingJsonReader(4096).readNdjson(new StringReader("{\"type\":\"d\",\"timeLogged\":\"2026-11-20 08:00:01+0000\","
                + "\"rcpt\":\"a@x.example\",\"dlvSize\":18234,\"orcpt\":null,\"extra\":{\"k\":[1,2]}}\n"), collect(records));

        assertThat(keys(records)).containsExactly("01a1f7f8-33e8-826d-b67f-dea09e7944db");
    }

    @Test
    void csvRecordAndMapRecordWithTheSameColumnsHaveTheSameKey() {
        AccountingRecord fromCsv = csv(new StringReader("type,rcpt,dsnDiag,timeLogged\n"
                + "b,a@x,\"smtp;550 \u00fcber, \"\"quoted\"\"\",2026-11-20 08:00:03+0000\n")).get(0);
        AccountingRecord fromMap = new AccountingRecord(2, Map.of("type", "b", "timeLogged", "1795161603", "rcpt", "a@x",
                "dsnDiag", "smtp;550 \u00fcber, \"quoted\""));

        assertThat(RecordKey.of(fromCsv, AT)).isEqualTo(RecordKey.of(fromMap, AT));
        assertThat(RecordKey.of(fromCsv, AT)).isNotEqualTo(RecordKey.of(fromCsv, AT.plusSeconds(1)));
    }

    private static List<String> keys(String sample) throws IOException {
        try (Reader in = new InputStreamReader(RecordKeyTest.class.getResourceAsStream("/acct/" + sample), StandardCharsets.UTF_8)) {
            return keys(csv(in));
        }
    }

    private static List<String> keys(List<AccountingRecord> records) {
        List<String> keys = new ArrayList<>();
        for (AccountingRecord record : records) {
            UUID key = RecordKey.of(record, AccountingTime.parse(record.get("timeLogged")));
            keys.add(key.toString());
        }
        return keys;
    }

    private static List<AccountingRecord> csv(Reader in) {
        List<AccountingRecord> records = new ArrayList<>();
        new AccountingCsvReader(65536).read(in, 1, null, collect(records));
        return records;
    }

    private static RecordSink collect(List<AccountingRecord> records) {
        return new RecordSink() {
            @Override
            public void record(AccountingRecord record) {
                records.add(record);
            }

            @Override
            public void rejected(RejectedLine line) {
                throw new AssertionError("line rejected: " + line);
            }
        };
    }
}
