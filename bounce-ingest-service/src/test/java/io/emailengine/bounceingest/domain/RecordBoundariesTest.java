package io.emailengine.bounceingest.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
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
}
