package io.emailengine.bounceingest.domain;

/** The RFC 3463 code at the start of PowerMTA's {@code dsnStatus}, e.g. {@code 5.1.1} of {@code 5.1.1 (bad destination mailbox address)}. */
public final class DsnStatus {

    private DsnStatus() {
    }

    /** Null when the text does not start with {@code class.subject.detail}. */
    public static String codeOf(String dsnStatus) {
        if (dsnStatus == null) {
            return null;
        }
        String s = dsnStatus.trim();
        if (s.isEmpty() || (s.charAt(0) != '2' && s.charAt(0) != '4' && s.charAt(0) != '5') || s.length() < 5 || s.charAt(1) != '.') {
            return null;
        }
        int i = 2;
        int subject = countDigits(s, i);
        if (subject < 1 || subject > 3 || i + subject >= s.length() || s.charAt(i + subject) != '.') {
            return null;
        }
        i += subject + 1;
        int detail = countDigits(s, i);
        if (detail < 1 || detail > 3) {
            return null;
        }
        int end = i + detail;
        if (end < s.length() && !Character.isWhitespace(s.charAt(end)) && s.charAt(end) != '(') {
            return null;
        }
        return s.substring(0, end);
    }

    private static int countDigits(String s, int from) {
        int i = from;
        while (i < s.length() && Character.isDigit(s.charAt(i))) {
            i++;
        }
        return i - from;
    }
}
