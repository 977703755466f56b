package io.emailengine.alerting.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.emailengine.events.AlertStatus;
import io.emailengine.events.Severity;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class GroupMessageTest {

    @Test
    void summarisesAGroupMostSevereFirstAndEscapesEverythingFromOutside() {
        List<GroupMember> members = List.of(
                new GroupMember("w", Severity.WARNING, AlertStatus.FIRING, "warn <i>", "d & <x>", Map.of("ip", "1<2"), 1, false),
                new GroupMember("c", Severity.CRITICAL, AlertStatus.FIRING, "crit", null, Map.of(), 3, false),
                new GroupMember("m", Severity.CRITICAL, AlertStatus.FIRING, "muted", null, Map.of(), 1, true));
        String text = GroupMessage.firing("tenant-a", "Block<&>", members);
        assertThat(text).startsWith("🔴 <b>FIRING</b> · CRITICAL · tenant-a\n<b>Block&lt;&amp;&gt;</b> — 2 alerts firing, 1 silenced");
        assertThat(text.indexOf("crit")).isLessThan(text.indexOf("warn"));
        assertThat(text).contains("×3").contains("warn &lt;i&gt;").contains("d &amp; &lt;x&gt;").contains("ip=1&lt;2")
                .doesNotContain("muted");
    }

    @Test
    void aHugeGroupStaysWithinTelegramsLimit() {
        List<GroupMember> members = IntStream.range(0, 5000).mapToObj(i -> new GroupMember("f" + i, Severity.CRITICAL,
                AlertStatus.FIRING, "<b>".repeat(200), "&".repeat(5000), Map.of("k", "<".repeat(500)), 1, false)).toList();
        String text = GroupMessage.firing(null, "Storm", members);
        assertThat(text.length()).isLessThanOrEqualTo(TelegramHtml.MAX_LENGTH);
        assertThat(text).contains("5000 alerts firing").contains("system");
    }
}
