package io.emailengine.bounceingest.application.parse;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;

/**
 * Fails once a physical line grows beyond a bound. The CSV and JSON parsers buffer a whole field
 * or line, so without this a body of one endless line would take all the heap.
 */
public final class BoundedLineReader extends FilterReader {

    private final int maxChars;
    private int sinceNewline;
    private boolean exceeded;

    public BoundedLineReader(Reader in, int maxChars) {
        super(in);
        this.maxChars = maxChars;
    }

    @Override
    public int read() throws IOException {
        char[] one = new char[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0];
    }

    /**
     * Hands out the characters before the violation first and fails on the next call, so that
     * everything before the overlong line still reaches the parser behind a read-ahead buffer.
     */
    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
        if (exceeded) {
            throw new LineTooLongException(maxChars);
        }
        int n = super.read(buffer, offset, length);
        if (n <= 0) {
            return n;
        }
        if ((long) sinceNewline + n <= maxChars) {
            // No line in this chunk can exceed the bound: only the length of its last line matters, found
            // by scanning back from the end to the last line break (a short way) instead of every character.
            int i = offset + n - 1;
            while (i >= offset && buffer[i] != '\n' && buffer[i] != '\r') {
                i--;
            }
            sinceNewline = i < offset ? sinceNewline + n : offset + n - 1 - i;
            return n;
        }
        for (int i = offset; i < offset + n; i++) {
            char c = buffer[i];
            if (c == '\n' || c == '\r') {
                sinceNewline = 0;
            } else if (++sinceNewline > maxChars) {
                exceeded = true;
                int delivered = i - offset;
                if (delivered == 0) {
                    throw new LineTooLongException(maxChars);
                }
                return delivered;
            }
        }
        return n;
    }
}
