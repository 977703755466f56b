package io.emailengine.bounceingest.application.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.emailengine.bounceingest.domain.AccountingRecord;
import io.emailengine.bounceingest.domain.RejectedLine;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AccountingCsvReaderTest {

    private final AccountingCsvReader reader = new AccountingCsvReader(4096);
    private final List<AccountingRecord> records = new ArrayList<>();
    private final List<RejectedLine> rejected = new ArrayList<>();
    private final RecordSink sink = new RecordSink() {
        @Override
        public void record(AccountingRecord record) {
            records.add(record);
        }

        @Override
        public void rejected(RejectedLine line) {
            rejected.add(line);
        }
    };

    @Test
    void readsEverySampleRecordByHeaderNameWithQuotedCommasAndDoubledQuotes() throws IOException {
        read(sample("acct-2026-11-20-0000.csv"));

        assertThat(rejected).isEmpty();
        assertThat(records).hasSize(9);
        AccountingRecord first = records.get(0);
        assertThat(first.line()).isEqualTo(2);
        assertThat(first.typeCode()).isEqualTo("d");
        assertThat(first.get("dlvEsmtpAvailable")).isEqualTo("PIPELINING,SIZE,8BITMIME,ENHANCEDSTATUSCODES,SMTPUTF8");
        assertThat(first.get("header_Message-Id")).isEqualTo("<20261120075958.1.cmp-8f2a@mail1.example.com>");
        assertThat(first.get("orcpt")).as("empty cells are left out").isNull();
        assertThat(records.get(4).get("dsnDiag")).isEqualTo("smtp;451 4.4.7 \"Timeout waiting for data, try later\"");
        assertThat(records.get(8).line()).isEqualTo(10);
    }

    @Test
    void complaintSampleKeepsQuotedHeaderColumns() throws IOException {
        read(sample("acct-fbl-2026-11-20-0100.csv"));

        assertThat(records).extracting(AccountingRecord::typeCode).containsExactly("f", "f");
        assertThat(records.get(0).get("header_From")).isEqualTo("\"Winter Deals\" <news@mail2.example.net>");
        assertThat(records.get(0).get("header_Subject")).isEqualTo("50% off, today only");
        assertThat(records.get(1).get("rcpt")).isNull();
    }

    @Test
    void acceptsCrlfAndLineBreaksInsideQuotedFieldsAndNumbersLinesWhereRecordsStart() {
        String csv = "type,timeLogged,rcpt,dsnDiag\r\n"
                + "b,2026-11-20 08:00:03+0000,a@x.example,\"first line\r\nsecond line\"\r\n"
                + "d,1763625601,b@x.example,ok\r\n";
        read(new StringReader(csv));

        assertThat(rejected).isEmpty();
        assertThat(records).hasSize(2);
        assertThat(records.get(0).get("dsnDiag")).isEqualTo("first line\r\nsecond line");
        assertThat(records.get(0).line()).isEqualTo(2);
        assertThat(records.get(1).line()).isEqualTo(4);
        assertThat(records.get(1).get("timeLogged")).isEqualTo("1763625601");
    }

    @Test
    void headerReappearingMidStreamWithOtherColumnsAppliesFromThere() {
        String csv = "type,timeLogged,rcpt\n"
                + "d,2026-11-20 08:00:01+0000,a@x.example\n"
                + "type,rcpt,timeLogged,newColumn\n"
                + "b,b@x.example,2026-11-20 08:00:02+0000,kept\n";
        read(new StringReader(csv));

        assertThat(records).hasSize(2);
        assertThat(records.get(1).get("rcpt")).isEqualTo("b@x.example");
        assertThat(records.get(1).get("timeLogged")).isEqualTo("2026-11-20 08:00:02+0000");
        assertThat(records.get(1).get("newColumn")).isEqualTo("kept");
        assertThat(records.get(1).line()).isEqualTo(4);
    }

    @Test
    void lineWithWrongFieldCountIsRejectedWithItsNumberWhileTheOthersAreRead() {
        String csv = "type,timeLogged,rcpt\n"
                + "d,2026-11-20 08:00:01+0000,a@x.example\n"
                + "d,2026-11-20 08:00:01+0000\n"
                + "d,2026-11-20 08:00:02+0000,c@x.example\n";
        read(new StringReader(csv));

        assertThat(records).extracting(r -> r.get("rcpt")).containsExactly("a@x.example", "c@x.example");
        assertThat(rejected).singleElement().satisfies(line -> {
            assertThat(line.line()).isEqualTo(3);
            assertThat(line.reason()).isEqualTo("has 2 fields but the header has 3");
        });
    }

    @Test
    void inputThatDoesNotStartWithAHeaderIsNotAccountingData() {
        assertThatThrownBy(() -> read(new StringReader("hello,world\nfoo,bar\n")))
                .isInstanceOf(NotAccountingDataException.class)
                .hasMessageContaining("line 1")
                .hasMessageContaining("header line starting with 'type'");
    }

    @Test
    void overlongLineStopsTheReadAndIsReportedWithoutLosingEarlierRecords() {
        String csv = "type,timeLogged,rcpt\n"
                + "d,2026-11-20 08:00:01+0000,a@x.example\n"
                + "d,2026-11-20 08:00:01+0000," + "x".repeat(5000) + "\n";
        read(new StringReader(csv));

        assertThat(records).hasSize(1);
        assertThat(rejected).singleElement().satisfies(line -> {
            assertThat(line.line()).isEqualTo(3);
            assertThat(line.reason()).startsWith("line longer than 4096 characters");
        });
    }

    @Test
    void unterminatedQuoteAtTheEndIsRejectedAfterTheGoodRecords() {
        String csv = "type,timeLogged,rcpt\n"
                + "d,2026-11-20 08:00:01+0000,a@x.example\n"
                + "d,2026-11-20 08:00:01+0000,\"never closed\n";
        read(new StringReader(csv));

        assertThat(records).hasSize(1);
        assertThat(rejected).singleElement().satisfies(line -> {
            assertThat(line.line()).isEqualTo(3);
            assertThat(line.reason()).startsWith("malformed CSV");
        });
    }

    @Test
    void aMalformedRecordMidStreamIsRejectedAndTheRecordsAfterItAreRead() {
        String csv = "type,timeLogged,rcpt\n"
                + "d,2026-11-20 08:00:01+0000,a@x.example\n"
                + "d,2026-11-20 08:00:02+0000,\"b@x.example\"junk,more\r\n"
                + "d,2026-11-20 08:00:03+0000,c@x.example\n";
        read(new StringReader(csv));

        assertThat(records).extracting(r -> r.get("rcpt")).containsExactly("a@x.example", "c@x.example");
        assertThat(records.get(1).line()).isEqualTo(4);
        assertThat(rejected).singleElement().satisfies(line -> {
            assertThat(line.line()).isEqualTo(3);
            assertThat(line.reason()).startsWith("malformed CSV: ").contains("between encapsulated token and delimiter")
                    .doesNotContain("not read");
        });
    }

    @Test
    void aQuoteLeftOpenUntilALaterRecordRejectsTheLinesItSwallowedByNumber() {
        String csv = "type,timeLogged,rcpt\n"
                + "d,2026-11-20 08:00:01+0000,a@x.example\n"
                + "d,2026-11-20 08:00:02+0000,\"b@x.example\n"
                + "d,2026-11-20 08:00:03+0000,c@x.example\n"
                + "d,2026-11-20 08:00:04+0000,\"d@x.example\"\n"
                + "d,2026-11-20 08:00:05+0000,e@x.example\n";
        read(new StringReader(csv));

        assertThat(records).extracting(r -> r.get("rcpt")).containsExactly("a@x.example", "e@x.example");
        assertThat(records.get(1).line()).isEqualTo(6);
        assertThat(rejected).singleElement().satisfies(line -> {
            assertThat(line.line()).isEqualTo(3);
            assertThat(line.reason()).startsWith("malformed CSV (lines 3-5): ");
        });
    }

    @Test
    void manyMalformedRecordsInARowStopTheRead() {
        StringBuilder csv = new StringBuilder("type,timeLogged,rcpt\nd,2026-11-20 08:00:01+0000,a@x.example\n");
        for (int i = 0; i <= AccountingCsvReader.MAX_MALFORMED_IN_A_ROW; i++) {
            csv.append("d,2026-11-20 08:00:02+0000,\"b\"x\n");
        }
        csv.append("d,2026-11-20 08:00:03+0000,c@x.example\n");
        read(new StringReader(csv.toString()));

        assertThat(records).extracting(r -> r.get("rcpt")).containsExactly("a@x.example");
        assertThat(rejected).hasSize(AccountingCsvReader.MAX_MALFORMED_IN_A_ROW + 1);
        assertThat(rejected.get(rejected.size() - 1).reason()).endsWith("the rest of the input was not read");
        assertThat(rejected.get(rejected.size() - 2).reason()).doesNotContain("not read");
    }

    @Test
    void aResumedReadWhoseFirstRecordIsMalformedRejectsItAndReadsOn() {
        // A pull's next chunk: the header is known, the first record of the chunk is line 10.
        String chunk = "d,2026-11-20 08:00:02+0000,\"b@x.example\"junk\n"
                + "d,2026-11-20 08:00:03+0000,c@x.example\n";
        reader.read(new StringReader(chunk), 10, List.of("type", "timeLogged", "rcpt"), sink);

        assertThat(records).extracting(AccountingRecord::line).containsExactly(11L);
        assertThat(rejected).singleElement().satisfies(line -> {
            assertThat(line.line()).isEqualTo(10);
            assertThat(line.reason()).startsWith("malformed CSV: ");
        });
    }

    @Test
    void anInputThatFailsIsReportedOnceNotAsMalformedRecords() {
        String csv = "type,timeLogged,rcpt\nd,2026-11-20 08:00:01+0000,a@x.example\n";
        Reader failing = new Reader() {
            private final Reader data = new StringReader(csv);

            @Override
            public int read(char[] buffer, int offset, int length) throws IOException {
                int n = data.read(buffer, offset, length);
                if (n < 0) {
                    throw new IOException("connection reset");
                }
                return n;
            }

            @Override
            public void close() {
            }
        };
        read(failing);

        assertThat(records).hasSize(1);
        assertThat(rejected).singleElement().satisfies(line -> {
            assertThat(line.line()).isEqualTo(3);
            assertThat(line.reason()).isEqualTo("could not read the input: connection reset; the rest of the input was not read");
        });
    }

    private void read(Reader input) {
        reader.read(input, 1, null, sink);
    }

    static Reader sample(String name) throws IOException {
        var stream = AccountingCsvReaderTest.class.getResourceAsStream("/acct/" + name);
        if (stream == null) {
            throw new IOException("missing sample " + name);
        }
        return new InputStreamReader(stream, StandardCharsets.UTF_8);
    }
}
