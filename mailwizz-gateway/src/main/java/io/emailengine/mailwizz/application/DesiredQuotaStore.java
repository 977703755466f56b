package io.emailengine.mailwizz.application;

import io.emailengine.events.QuotaChanged;
import io.emailengine.events.types.TenantId;
import java.time.Instant;

/** Port: the desired MailWizz quota of each sending IP; an older change never replaces a newer one. */
public interface DesiredQuotaStore {

    void upsertIfNewer(TenantId tenant, QuotaChanged change, Instant changedAt);
}
