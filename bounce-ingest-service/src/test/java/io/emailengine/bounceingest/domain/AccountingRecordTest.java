package io.emailengine.bounceingest.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AccountingRecordTest {

    private final AccountingRecord.Columns columns = AccountingRecord.Columns.of(List.of("type", "timeLogged", "rcpt", "orcpt", "Zeta"));

    @Test
    void columnRecordAnswersByNameWithEmptyCellsAsAbsent() {
        AccountingRecord record = AccountingRecord.of(4, columns, new String[] {"d", "1795161603", "a@x", "", "z"});

        assertThat(record.line()).isEqualTo(4);
        assertThat(record.typeCode()).isEqualTo("d");
        assertThat(record.get("rcpt")).isEqualTo("a@x");
        assertThat(record.get("orcpt")).isNull();
        assertThat(record.get("noSuchColumn")).isNull();
        assertThat(record.fields()).containsExactly(Map.entry("Zeta", "z"), Map.entry("rcpt", "a@x"),
                Map.entry("timeLogged", "1795161603"), Map.entry("type", "d"));
        assertThatThrownBy(() -> record.fields().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void columnRecordEqualsTheMapRecordOfTheSameFields() {
        AccountingRecord fromColumns = AccountingRecord.of(4, columns, new String[] {"d", "1795161603", "a@x", null, ""});
        AccountingRecord fromMap = new AccountingRecord(4, Map.of("type", "d", "timeLogged", "1795161603", "rcpt", "a@x"));

        assertThat(fromColumns).isEqualTo(fromMap).hasSameHashCodeAs(fromMap);
        assertThat(fromColumns).isNotEqualTo(new AccountingRecord(5, fromMap.fields()));
        assertThat(fromColumns).hasToString("AccountingRecord[line=4, fields={rcpt=a@x, timeLogged=1795161603, type=d}]");
    }

    @Test
    void mapRecordIsAReadOnlyViewOfItsMap() {
        AccountingRecord record = new AccountingRecord(1, Map.of("type", "f", "timeLogged", "1"));

        assertThat(record.typeCode()).isEqualTo("f");
        assertThat(record.get("rcpt")).isNull();
        assertThatThrownBy(() -> record.fields().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void columnsFindEveryNameOfALargeHeaderAndRefuseRepeatedOnesOrAWrongValueCount() {
        List<String> names = java.util.stream.IntStream.range(0, 300).mapToObj(i -> "header_X-" + i).toList();
        AccountingRecord.Columns many = AccountingRecord.Columns.of(names);
        for (int i = 0; i < names.size(); i++) {
            assertThat(many.indexOf(new String(names.get(i)))).isEqualTo(i);
        }
        assertThat(many.indexOf("header_X-300")).isEqualTo(-1);
        assertThat(many.names()).isEqualTo(names);

        assertThatThrownBy(() -> AccountingRecord.Columns.of(List.of("type", "rcpt", "type")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'type'");
        assertThatThrownBy(() -> AccountingRecord.of(1, columns, new String[] {"d"}))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
