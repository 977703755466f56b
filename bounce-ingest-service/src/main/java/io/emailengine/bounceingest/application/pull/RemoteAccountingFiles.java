package io.emailengine.bounceingest.application.pull;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;

/** Port: the accounting files of one PowerMTA host (SFTP in production). */
public interface RemoteAccountingFiles {

    /** Opens one connection to the named host; the caller closes it. */
    Connection connect(String host) throws IOException;

    interface Connection extends AutoCloseable {

        /** The accounting files in the host's directory matching its pattern. */
        List<RemoteFile> list() throws IOException;

        /** Reads the file from a byte offset to its current end. */
        InputStream read(String name, long offset) throws IOException;

        @Override
        void close();
    }

    record RemoteFile(String name, long size, Instant modifiedAt) {
    }
}
