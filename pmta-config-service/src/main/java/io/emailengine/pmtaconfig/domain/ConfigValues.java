package io.emailengine.pmtaconfig.domain;

import io.emailengine.events.types.InvalidValueException;
import io.emailengine.events.types.MessageRate;
import io.emailengine.events.types.SendingIp;
import java.net.IDN;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Whitelists for every value the engine writes into a PowerMTA config, a remote path or an SSH
 * command. Values are refused, never escaped: PowerMTA's quoting rules differ by directive, and a
 * CR/LF, '#', '<', '>', '$', '"', '\\', ',' or whitespace in the wrong place starts a new directive,
 * truncates a line or expands a macro (see the PowerMTA reference, "Characters that break or
 * inject config").
 */
public final class ConfigValues {

    public static final Pattern VMTA_NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    /** DKIM selectors and pool names: a DNS-label-like token (also safe inside domain-key's comma list). */
    public static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern LDH_DOMAIN = Pattern.compile(
            "(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+");
    private static final Pattern PATH = Pattern.compile("/[A-Za-z0-9._/-]{0,1023}");
    /** PowerMTA intervals: {@code 10m}, {@code 1h}, {@code 4d12h}. */
    private static final Pattern INTERVAL = Pattern.compile("([1-9][0-9]{0,5}[smhdw]){1,4}");
    /** File sizes as in {@code max-size 50M}. */
    private static final Pattern SIZE = Pattern.compile("[1-9][0-9]{0,9}[KMG]?");
    /** One command word: no quoting, globbing, redirection or substitution is possible with these characters. */
    private static final Pattern COMMAND_WORD = Pattern.compile("[A-Za-z0-9._/=-]{1,128}");
    private static final Pattern SHA256_FINGERPRINT = Pattern.compile("SHA256:[A-Za-z0-9+/]{43}=?");

    private ConfigValues() {
    }

    public static String vmtaName(String field, String value) {
        return matching(field, value, VMTA_NAME, "must match " + VMTA_NAME.pattern());
    }

    public static String token(String field, String value) {
        return matching(field, value, TOKEN, "must match " + TOKEN.pattern());
    }

    /** An internationalised name is accepted and written in its ASCII (punycode) form, lowercase. */
    public static String domain(String field, String value) {
        required(field, value);
        String lower = value.toLowerCase(Locale.ROOT);
        if (LDH_DOMAIN.matcher(lower).matches() && !lower.contains("xn--")) {
            // Already plain LDH: IDN.toASCII would return it unchanged, and it is the slow part of rendering 1,000 VMTAs.
            return lower;
        }
        String ascii;
        try {
            ascii = IDN.toASCII(value, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigValueException(field, "'" + printable(value) + "' is not a domain name");
        }
        if (!LDH_DOMAIN.matcher(ascii).matches()) {
            throw new InvalidConfigValueException(field, "'" + printable(value)
                    + "' is not a domain name of at least two letter-digit-hyphen labels");
        }
        for (String label : ascii.split("\\.")) {
            // IDN.toASCII passes "xn--" labels through unchecked; a bogus one must not reach a config.
            if (label.startsWith("xn--") && !validPunycode(label)) {
                throw new InvalidConfigValueException(field, "'" + printable(value) + "' has an invalid punycode label");
            }
        }
        return ascii;
    }

    private static boolean validPunycode(String label) {
        try {
            String unicode = IDN.toUnicode(label, IDN.USE_STD3_ASCII_RULES);
            return !unicode.equals(label) && IDN.toASCII(unicode, IDN.USE_STD3_ASCII_RULES).equalsIgnoreCase(label);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Parsed, not pattern-matched: the canonical literal is what gets written. */
    public static String ip(String field, String value) {
        required(field, value);
        try {
            return SendingIp.of(value).value();
        } catch (InvalidValueException e) {
            throw new InvalidConfigValueException(field, e.reason());
        }
    }

    /** Absolute path without parent references; a relative or '..' path could escape the intended directory. */
    public static String path(String field, String value) {
        matching(field, value, PATH, "must be an absolute path of [A-Za-z0-9._/-]");
        for (String segment : value.split("/")) {
            if (segment.equals("..") || segment.equals(".")) {
                throw new InvalidConfigValueException(field, "must not contain '.' or '..' segments");
            }
        }
        if (value.endsWith("/") && value.length() > 1) {
            throw new InvalidConfigValueException(field, "must not end with '/'");
        }
        return value;
    }

    /** Canonical PowerMTA rate text ({@code 83/10m}); rejects anything outside the rate grammar. */
    public static String rate(String field, String value) {
        // Checked before parsing because the parser forgives surrounding whitespace and case.
        matching(field, value, MessageRate.PMTA_PATTERN, "must be a PowerMTA rate N/[M]unit");
        try {
            return MessageRate.parse(value).toPmta();
        } catch (InvalidValueException e) {
            throw new InvalidConfigValueException(field, e.reason());
        }
    }

    public static String interval(String field, String value) {
        return matching(field, value, INTERVAL, "must be a PowerMTA interval such as 10m, 1h or 4d12h");
    }

    public static String size(String field, String value) {
        return matching(field, value, SIZE, "must be a size such as 50M");
    }

    public static int atLeast(String field, int value, int minimum) {
        if (value < minimum) {
            throw new InvalidConfigValueException(field, "must be >= " + minimum + ", was " + value);
        }
        return value;
    }

    /**
     * A command run over SSH: words of a strict character set separated by single spaces. The
     * remote side runs it through a shell, so anything that a shell interprets is refused.
     */
    public static String command(String field, String value) {
        required(field, value);
        String[] words = value.split(" ", -1);
        for (String word : words) {
            if (!COMMAND_WORD.matcher(word).matches()) {
                throw new InvalidConfigValueException(field,
                        "must be words of [A-Za-z0-9._/=-] separated by single spaces");
            }
        }
        return value;
    }

    /** OpenSSH's fingerprint form, {@code SHA256:} followed by unpadded base64 of the key's SHA-256. */
    public static String sha256Fingerprint(String field, String value) {
        return matching(field, value, SHA256_FINGERPRINT, "must be an OpenSSH fingerprint 'SHA256:<base64>'");
    }

    private static String matching(String field, String value, Pattern pattern, String reason) {
        required(field, value);
        if (!pattern.matcher(value).matches()) {
            throw new InvalidConfigValueException(field, "'" + printable(value) + "' " + reason);
        }
        return value;
    }

    private static void required(String field, String value) {
        if (value == null || value.isEmpty()) {
            throw new InvalidConfigValueException(field, "is required");
        }
    }

    /** Echoes rejected input without letting control characters forge log lines or answers. */
    static String printable(String value) {
        StringBuilder out = new StringBuilder();
        value.codePoints().limit(64).forEach(cp -> {
            if (cp < 0x20 || cp == 0x7f) {
                out.append(String.format("\\u%04x", cp));
            } else {
                out.appendCodePoint(cp);
            }
        });
        return value.length() > 64 ? out + "..." : out.toString();
    }
}
