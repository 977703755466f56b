package io.emailengine.pmtaconfig.adapter.out;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.emailengine.pmtaconfig.domain.PmtaHostStatus;
import io.emailengine.pmtaconfig.domain.PmtaQueue;
import io.emailengine.pmtaconfig.domain.PmtaQueueListing;
import io.emailengine.pmtaconfig.domain.UnreadablePmtaOutputException;
import org.junit.jupiter.api.Test;

class PmtaJsonReaderTest {

    private static final String QUEUES = "pmta --json show queues";
    private static final String STATUS = "pmta --json show status";

    @Test
    void readsTheSimulatorsQueueShape() {
        PmtaQueueListing listing = PmtaJsonReader.queues(QUEUES, """
                {"queues":[{"name":"gmail.com/v203-0-113-10","domain":"gmail.com","vmta":"v203-0-113-10","rcp":12,"msg":12,
                "kb":40,"conn":2,"paused":false}]}""");

        assertThat(listing.queues()).containsExactly(new PmtaQueue("gmail.com", "v203-0-113-10", 12, 12, 40L, 2, false));
        assertThat(listing.skipped()).isEmpty();
    }

    @Test
    void acceptsATopLevelArrayOrADataWrapperWithNamesAndRecipientAliases() {
        PmtaQueueListing array = PmtaJsonReader.queues(QUEUES, """
                [{"name":"yahoo.rollup/v1","recipients":"7","messages":5,"paused":"yes"}]""");
        PmtaQueueListing data = PmtaJsonReader.queues(QUEUES, """
                {"data":[{"queue":"Outlook.Rollup/v2","rcp":3}]}""");

        assertThat(array.queues()).containsExactly(new PmtaQueue("yahoo.rollup", "v1", 7, 5, null, null, true));
        assertThat(data.queues()).containsExactly(new PmtaQueue("outlook.rollup", "v2", 3, 3, null, null, false));
    }

    @Test
    void anUnreadableEntryIsSkippedWithItsReasonAndTheOthersAreKept() {
        PmtaQueueListing listing = PmtaJsonReader.queues(QUEUES, """
                {"queues":[{"name":"gmail.com/v1","rcp":1},{"name":"gmail.com/v1;reboot","rcp":2},{"name":"aol.com/v3"},
                {"name":"gmail.com/v4","rcp":-1},"text",{"name":"nodomain","rcp":1}]}""");

        assertThat(listing.queues()).extracting(PmtaQueue::name).containsExactly("gmail.com/v1");
        assertThat(listing.skipped()).containsExactly(
                "entry 1: vmta 'v1;reboot' is not a virtual MTA name",
                "entry 2: aol.com/v3: no recipient count ('rcp' or 'recipients')",
                "entry 3: gmail.com/v4: 'rcp' is not a count: -1",
                "entry 4: not an object but string",
                "entry 5: name 'nodomain' is not 'domain/vmta'");
    }

    @Test
    void outputThatIsNotJsonIsAnErrorNamingTheCommandAndWhatCameBack() {
        assertThatThrownBy(() -> PmtaJsonReader.queues(QUEUES, "pmta: unknown option --json\n"))
                .isInstanceOf(UnreadablePmtaOutputException.class)
                .hasMessageStartingWith("'pmta --json show queues': unreadable output: not JSON (")
                .hasMessageEndingWith("starts with 'pmta: unknown option --json'");
        assertThatThrownBy(() -> PmtaJsonReader.queues(QUEUES, "  "))
                .hasMessage("'pmta --json show queues': unreadable output: empty answer");
    }

    @Test
    void jsonWithoutAQueueArrayIsAnErrorNotAnEmptyHost() {
        assertThatThrownBy(() -> PmtaJsonReader.queues(QUEUES, "{\"domains\":{\"gmail.com\":1}}"))
                .hasMessage("'pmta --json show queues': unreadable output: expected an array under 'queues' or 'data'"
                        + " (or a top-level array), found an object with keys [domains]");
    }

    @Test
    void onlyUnreadableEntriesIsAnError() {
        assertThatThrownBy(() -> PmtaJsonReader.queues(QUEUES, "[{\"name\":\"x/y\"}]"))
                .hasMessage("'pmta --json show queues': unreadable output: no queue entry could be read; first: entry 0:"
                        + " x/y: no recipient count ('rcp' or 'recipients')");
    }

    @Test
    void anEmptyQueueListIsReadableAndEmpty() {
        assertThat(PmtaJsonReader.queues(QUEUES, "{\"queues\":[]}").queues()).isEmpty();
    }

    @Test
    void readsTheSimulatorsStatusShapeAndTheSameTotalsUnderDataOrAtTheTop() {
        String body = "{\"version\":\"5.0r1 (simulated)\",\"uptime\":\"1d\",\"queue\":{\"smtp\":{\"rcp\":27,\"msg\":25,\"kb\":81}},"
                + "\"conn\":{\"smtpOut\":4},\"traffic\":{\"lastHour\":{\"out\":{\"rcp\":9,\"msg\":8}}}}";
        PmtaHostStatus expected = new PmtaHostStatus("5.0r1 (simulated)", 27, 25, 4L);

        assertThat(PmtaJsonReader.status(STATUS, "{\"status\":" + body + "}")).isEqualTo(expected);
        assertThat(PmtaJsonReader.status(STATUS, "{\"data\":" + body + "}")).isEqualTo(expected);
        assertThat(PmtaJsonReader.status(STATUS, body)).isEqualTo(expected);
    }

    @Test
    void statusWithoutQueueTotalsIsAnError() {
        assertThatThrownBy(() -> PmtaJsonReader.status(STATUS, "{\"status\":{\"version\":\"5.0\"}}"))
                .hasMessage("'pmta --json show status': unreadable output: no queue.smtp totals under 'status', 'data' or the"
                        + " top level, found an object with keys [status]");
        assertThatThrownBy(() -> PmtaJsonReader.status(STATUS, "{\"status\":{\"queue\":{\"smtp\":{\"rcp\":\"many\",\"msg\":1}}}}"))
                .hasMessage("'pmta --json show status': unreadable output: queue.smtp: 'rcp' is not a count: \"many\"");
    }
}
