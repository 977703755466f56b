package io.emailengine.bounceingest.application.parse;

import io.emailengine.bounceingest.domain.AccountingRecord;
import io.emailengine.bounceingest.domain.RejectedLine;

/** Receives what a reader finds, one record at a time, so nothing holds the whole input. */
public interface RecordSink {

    void record(AccountingRecord record);

    void rejected(RejectedLine line);
}
