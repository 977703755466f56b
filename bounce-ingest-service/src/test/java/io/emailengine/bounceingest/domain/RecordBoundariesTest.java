package io.emailengine.bounceingest.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

class RecordBoundariesTest {

    @Test
    void endsAfterTheLastLineFeedOutsideQuotes() {
        byte[] bytes = "type,a\nd,\"x\ny\"\nd,\"open\nstill".getBytes(StandardCharsets.UTF_8);

        RecordBoundaries.Scan scan = RecordBoundaries.lastCompleteRecord(bytes, bytes.length);

        assertThat(new String(bytes, 0, scan.end(), StandardCharsets.UTF_8)).isEqualTo("type,a\nd,\"x\ny\"\n");
        assertThat(scan.lines()).isEqualTo(3);
        assertThat(scan.records()).isEqualTo(2);
    }

    @Test
    void doubledQuotesAndMultibyteCharactersKeepOffsetsExact() {
        byte[] bytes = "d,\"say \"\"hé\"\"\"\nd,ü\n".getBytes(StandardCharsets.UTF_8);

        RecordBoundaries.Scan first = RecordBoundaries.firstRecords(bytes, bytes.length, 1);

        assertThat(new String(bytes, 0, first.end(), StandardCharsets.UTF_8)).isEqualTo("d,\"say \"\"hé\"\"\"\n");
        assertThat(RecordBoundaries.lastCompleteRecord(bytes, bytes.length).end()).isEqualTo(bytes.length);
    }

    @Test
    void noCompleteRecordGivesZero() {
        byte[] bytes = "d,partial".getBytes(StandardCharsets.UTF_8);

        assertThat(RecordBoundaries.lastCompleteRecord(bytes, bytes.length).end()).isZero();
    }

    @Test
    void aQuoteInsideAnUnquotedFieldIsAnOrdinaryCharacterAsForTheParser() throws IOException {
        // One stray quote: read as opening a quoted field, it would hide every line feed after it.
        String text = "d,550 5.1.1 \"user unknown,x\r\nd,\"a,b\",y\nd,z\n";
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);

        RecordBoundaries.Scan scan = RecordBoundaries.lastCompleteRecord(bytes, bytes.length);

        assertThat(scan.end()).isEqualTo(bytes.length);
        assertThat(scan.records()).isEqualTo(3);
        assertThat(scan.lines()).isEqualTo(3);
        List<CSVRecord> parsed = CSVFormat.RFC4180.parse(new StringReader(text)).getRecords();
        assertThat(parsed).hasSize(3);
        assertThat(parsed.get(0).get(1)).isEqualTo("550 5.1.1 \"user unknown");
        assertThat(parsed.get(1).get(1)).isEqualTo("a,b");
    }

    @Test
    void aQuotedFieldClosedBeforeTheLineEndsTheRecordThere() {
        byte[] bytes = "d,\"x\"\r\nd,\"\"\"\"\nd,\"open".getBytes(StandardCharsets.UTF_8);

        RecordBoundaries.Scan scan = RecordBoundaries.lastCompleteRecord(bytes, bytes.length);

        assertThat(new String(bytes, 0, scan.end(), StandardCharsets.UTF_8)).isEqualTo("d,\"x\"\r\nd,\"\"\"\"\n");
        assertThat(scan.records()).isEqualTo(2);
    }

    @Test
    void everyBoundaryIsWhereTheParserStartsARecord() throws IOException {
        for (String text : List.of(
                "a,\"x\"\r\nb,\"\"\r\nc,\"\"\"\"\n",
                // A lone carriage return ends a record: the quote after it opens a field.
                "h\r\"1\n2\"\nz\n",
                "a,\"x\"  ,y\nb,\"p\" \r\nc\n",
                "a,b\"c,\"d\ne\"\nf\n")) {
            byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
            List<Long> starts = new java.util.ArrayList<>();
            for (CSVRecord record : CSVFormat.RFC4180.builder().setIgnoreEmptyLines(true).get().parse(new StringReader(text))) {
                starts.add(record.getCharacterPosition());
            }
            starts.add((long) bytes.length);
            RecordBoundaries.Scan previous = null;
            for (int records = 1; ; records++) {
                RecordBoundaries.Scan scan = RecordBoundaries.firstRecords(bytes, bytes.length, records);
                if (previous != null && scan.end() == previous.end()) {
                    break;
                }
                assertThat(starts).as("boundary %d of %s", records, text.replace("\r", "\\r").replace("\n", "\\n"))
                        .contains((long) scan.end());
                previous = scan;
            }
            assertThat(previous.end()).isEqualTo(bytes.length);
        }
    }

    @Test
    void aCharacterAfterAClosingQuoteEndsTheFieldAndTheNextByteStartsOneAsForTheParser() {
        // The parser rejects the x and reads on from the quote after it, which opens a field up to b".
        byte[] bytes = "d,\"a\"x\"\nd,b\"\ne\n".getBytes(StandardCharsets.US_ASCII);

        RecordBoundaries.Scan first = RecordBoundaries.firstRecords(bytes, bytes.length, 1);

        assertThat(new String(bytes, 0, first.end(), StandardCharsets.US_ASCII)).isEqualTo("d,\"a\"x\"\nd,b\"\n");
        assertThat(first.lines()).isEqualTo(2);
        assertThat(RecordBoundaries.lastCompleteRecord(bytes, bytes.length).end()).isEqualTo(bytes.length);
    }
}
