package io.emailengine.bounceingest.application.pull;

import java.util.List;

/**
 * How far one accounting file of one host has been read. The file is identified by a fingerprint
 * of its first two lines (header and first record) rather than by name, so a rotation rename does
 * not make it look new.
 *
 * @param offset   byte offset just after the last complete record read
 * @param nextLine line number of the byte at {@code offset}
 * @param header   the header line in force at {@code offset} (a pipe restart may have changed it)
 */
public record PullCheckpoint(String host, String fileId, String fileName, long size, long offset, long nextLine,
                             List<String> header) {

    public static PullCheckpoint start(String host, String fileId, String fileName, long size) {
        return new PullCheckpoint(host, fileId, fileName, size, 0, 1, null);
    }

    public PullCheckpoint seen(String name, long currentSize) {
        return new PullCheckpoint(host, fileId, name, currentSize, offset, nextLine, header);
    }

    public PullCheckpoint advance(long bytes, long lines, List<String> headerNow) {
        return new PullCheckpoint(host, fileId, fileName, size, offset + bytes, nextLine + lines, headerNow);
    }
}
