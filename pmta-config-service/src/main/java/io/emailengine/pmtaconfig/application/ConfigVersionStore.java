package io.emailengine.pmtaconfig.application;

import io.emailengine.pmtaconfig.domain.ConfigRenderer;
import io.emailengine.pmtaconfig.domain.RenderedConfig;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Port: every distinct rendered include file per host. */
public interface ConfigVersionStore {

    /** The latest version if its content hash equals the body's, else a new version one higher. */
    RenderedConfig versionFor(String hostId, ConfigRenderer renderer, ConfigRenderer.Body body, Instant now);

    Optional<RenderedConfig> find(String hostId, long version);

    /** The host's versions below {@code beforeVersion}, newest first, at most {@code limit}. */
    List<VersionSummary> list(String hostId, long beforeVersion, int limit);

    record VersionSummary(long version, String contentHash, int vmtaCount, Instant createdAt) {
    }
}
