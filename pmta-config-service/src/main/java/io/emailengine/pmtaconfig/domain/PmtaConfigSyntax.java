package io.emailengine.pmtaconfig.domain;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Reads PowerMTA's config syntax into a tree: {@code keyword value} lines, {@code <tag arg> ... </tag>}
 * blocks, {@code #} comments to end of line (outside quotes), double quotes with backslash escapes.
 * Structure only; what the directives mean is up to the caller. Unbalanced blocks are errors in
 * PowerMTA's own style ("Error in line N of FILE: ...").
 */
public final class PmtaConfigSyntax {

    private PmtaConfigSyntax() {
    }

    /** A directive ({@code children} empty, {@code block} false) or a block. */
    public record Node(String keyword, List<String> args, boolean block, int line, List<Node> children) {
    }

    public static final class SyntaxException extends IllegalArgumentException {
        private final int line;

        public SyntaxException(String file, int line, String message) {
            super("Error in line " + line + " of " + file + ": " + message);
            this.line = line;
        }

        public int line() {
            return line;
        }
    }

    public static List<Node> parse(String file, String text) {
        Deque<Node> open = new ArrayDeque<>();
        List<Node> top = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            int number = i + 1;
            List<String> words = words(file, number, lines[i]);
            if (words.isEmpty()) {
                continue;
            }
            String first = words.get(0);
            List<Node> target = open.isEmpty() ? top : open.peek().children();
            if (first.startsWith("</")) {
                String tag = closingTag(file, number, words);
                if (open.isEmpty() || !open.peek().keyword().equals(tag)) {
                    throw new SyntaxException(file, number, "unexpected </" + tag + ">"
                            + (open.isEmpty() ? "" : ", expected </" + open.peek().keyword() + ">"));
                }
                open.pop();
            } else if (first.startsWith("<")) {
                Node block = openingTag(file, number, words);
                target.add(block);
                open.push(block);
            } else {
                target.add(new Node(first, List.copyOf(words.subList(1, words.size())), false, number, List.of()));
            }
        }
        if (!open.isEmpty()) {
            throw new SyntaxException(file, open.peek().line(), "<" + open.peek().keyword() + "> is never closed");
        }
        return top;
    }

    private static Node openingTag(String file, int line, List<String> words) {
        String joined = String.join(" ", words);
        if (!joined.endsWith(">") || joined.indexOf('>') != joined.length() - 1) {
            throw new SyntaxException(file, line, "malformed tag");
        }
        String inner = joined.substring(1, joined.length() - 1).trim();
        String[] parts = inner.split(" ");
        if (parts[0].isEmpty()) {
            throw new SyntaxException(file, line, "empty tag");
        }
        List<String> args = new ArrayList<>();
        for (int i = 1; i < parts.length; i++) {
            args.add(parts[i]);
        }
        return new Node(parts[0], List.copyOf(args), true, line, new ArrayList<>());
    }

    private static String closingTag(String file, int line, List<String> words) {
        String joined = String.join(" ", words);
        if (words.size() != 1 || !joined.endsWith(">") || joined.length() < 4) {
            throw new SyntaxException(file, line, "malformed closing tag");
        }
        return joined.substring(2, joined.length() - 1);
    }

    /** Splits one line into words: whitespace separates, quotes group, '#' outside quotes ends the line. */
    static List<String> words(String file, int line, String text) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '\\' && i + 1 < text.length()) {
                    word.append(text.charAt(++i));
                } else if (c == '"') {
                    quoted = false;
                } else {
                    word.append(c);
                }
            } else if (c == '"') {
                quoted = true;
                inWord = true;
            } else if (c == '#') {
                break;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (quoted) {
            throw new SyntaxException(file, line, "unterminated quote");
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }
}
