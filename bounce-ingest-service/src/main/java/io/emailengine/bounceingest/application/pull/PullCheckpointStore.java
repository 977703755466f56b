package io.emailengine.bounceingest.application.pull;

import java.util.Optional;

/** Port: pull checkpoints; {@link #save} runs in the caller's transaction. */
public interface PullCheckpointStore {

    Optional<PullCheckpoint> find(String host, String fileId);

    /** True when a file of this name and size was read to its end (lets a poll skip it without reading). */
    boolean fullyRead(String host, String fileName, long size);

    void save(PullCheckpoint checkpoint);
}
