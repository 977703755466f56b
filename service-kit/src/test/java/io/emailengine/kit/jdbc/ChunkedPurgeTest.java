package io.emailengine.kit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ChunkedPurgeTest {

    @Test
    void theChunkStatementNamesOnlyPlainIdentifiers() {
        assertThat(ChunkedPurge.chunkStatement("delivery_hour", "hour_start"))
                .contains("DELETE FROM delivery_hour", "hour_start >= ? AND hour_start < ?", "LIMIT ? FOR UPDATE SKIP LOCKED");
        assertThatThrownBy(() -> ChunkedPurge.chunkStatement("delivery_hour; DROP TABLE x", "hour_start"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a plain SQL identifier");
        assertThatThrownBy(() -> ChunkedPurge.chunkStatement("delivery_hour", "\"hour_start\""))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
