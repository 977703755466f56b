package io.emailengine.bounceingest.application.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BoundedLineReaderTest {

    private static final int MAX = 50;

    @Test
    void deliversEverythingBeforeTheFirstOverlongLineWhateverTheReadSizes() throws IOException {
        Random random = new Random(7);
        for (int input = 0; input < 300; input++) {
            String text = randomText(random);
            int expected = allowedPrefix(text);
            for (int chunk : new int[] {1, 3, 17, MAX, MAX + 1, 64, 200, 4096}) {
                assertThat(readAll(text, chunk)).as("chunks of %d in %s", chunk, text.replace("\n", "\\n").replace("\r", "\\r"))
                        .isEqualTo(expected == text.length() ? text : text.substring(0, expected) + "<too long>");
            }
        }
    }

    /** Lines of 0 to 60 characters ended by LF, CRLF or CR, so some exceed the bound and some end exactly at it. */
    private static String randomText(Random random) {
        StringBuilder out = new StringBuilder();
        int lines = 1 + random.nextInt(12);
        for (int line = 0; line < lines; line++) {
            int length = random.nextInt(10) == 0 ? MAX + random.nextInt(3) - 1 : random.nextInt(MAX);
            out.append("x".repeat(length));
            out.append(switch (random.nextInt(4)) {
                case 0 -> "\r\n";
                case 1 -> "\r";
                default -> "\n";
            });
        }
        return out.toString();
    }

    /** Where the first character beyond the bound is (the text's length when there is none). */
    private static int allowedPrefix(String text) {
        int since = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                since = 0;
            } else if (++since > MAX) {
                return i;
            }
        }
        return text.length();
    }

    private static String readAll(String text, int chunk) throws IOException {
        StringBuilder out = new StringBuilder();
        char[] buffer = new char[chunk];
        try (BoundedLineReader reader = new BoundedLineReader(new StringReader(text), MAX)) {
            int n;
            while ((n = reader.read(buffer, 0, chunk)) >= 0) {
                out.append(buffer, 0, n);
            }
        } catch (LineTooLongException e) {
            out.append("<too long>");
        }
        return out.toString();
    }
}
