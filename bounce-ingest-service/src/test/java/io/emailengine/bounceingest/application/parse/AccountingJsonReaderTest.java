package io.emailengine.bounceingest.application.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.emailengine.bounceingest.domain.AccountingRecord;
import io.emailengine.bounceingest.domain.RejectedLine;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AccountingJsonReaderTest {

    private final AccountingJsonReader reader = new AccountingJsonReader(4096);
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
    void ndjsonBadLineIsRejectedWithItsNumberAndTheNextLinesAreRead() {
        String ndjson = """
                {"type":"d","timeLogged":"2026-11-20 08:00:01+0000","rcpt":"a@x.example","dlvSize":18234,"orcpt":null}
                {"type":"b","timeLogged":
                                
                {"type":"t","timeLogged":1763625601,"rcpt":"c@x.example","extra":{"k":[1,2]}}
                """;
        reader.readNdjson(new StringReader(ndjson), sink);

        assertThat(records).extracting(AccountingRecord::line).containsExactly(1L, 4L);
        assertThat(records.get(0).get("dlvSize")).isEqualTo("18234");
        assertThat(records.get(0).fields()).doesNotContainKey("orcpt");
        assertThat(records.get(1).get("timeLogged")).isEqualTo("1763625601");
        assertThat(records.get(1).get("extra")).as("nested values are kept as JSON text").isEqualTo("{\"k\":[1,2]}");
        assertThat(rejected).singleElement().satisfies(line -> {
            assertThat(line.line()).isEqualTo(2);
            assertThat(line.reason()).startsWith("malformed JSON");
        });
    }

    @Test
    void arrayIsReadElementByElementAndANonObjectElementIsRejected() {
        reader.readArray(new StringReader("[{\"type\":\"d\",\"timeLogged\":\"1\"},\n42,\n{\"type\":\"f\",\"timeLogged\":\"2\"}]"), sink);

        assertThat(records).extracting(AccountingRecord::typeCode).containsExactly("d", "f");
        assertThat(rejected).singleElement().satisfies(line -> assertThat(line.reason()).isEqualTo("element 2 is not a JSON object"));
    }

    @Test
    void bodiesThatAreNotAccountingJsonAreRefusedAsAWhole() {
        assertThatThrownBy(() -> reader.readArray(new StringReader("{\"type\":\"d\"}"), sink))
                .isInstanceOf(NotAccountingDataException.class).hasMessageContaining("array");
        assertThatThrownBy(() -> reader.readNdjson(new StringReader("hello\n"), sink))
                .isInstanceOf(NotAccountingDataException.class).hasMessageContaining("line 1");
    }
}
