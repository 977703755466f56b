package io.emailengine.simulator.pmta;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Parses a PowerMTA main config and its includes as strictly as PowerMTA: only the directives and sections of the
 * PowerMTA reference (and those pmta-config-service renders) in the sections where they belong, balanced
 * {@code <tag>}/{@code </tag>}, values by their grammar. The first problem ends the parse with an error in
 * PowerMTA's style. Paths are resolved inside the host's filesystem root, never outside it.
 */
final class ConfigParser {

    private static final int MAX_INCLUDE_DEPTH = 8;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
    private static final Pattern PATH = Pattern.compile("/[A-Za-z0-9._/-]{1,1023}");
    private static final Pattern GLOB_PATH = Pattern.compile("/[A-Za-z0-9._/*?-]{1,1023}");
    private static final Pattern INTERVAL = Pattern.compile("([0-9]{1,6}[smhdw]){1,5}");
    private static final Pattern INTERVAL_PART = Pattern.compile("([0-9]{1,6})([smhdw])");
    private static final Pattern SIZE = Pattern.compile("([0-9]{1,9})([KkMmGg]?)");
    private static final Pattern INTEGER = Pattern.compile("[0-9]{1,9}");
    private static final Pattern LISTENER = Pattern.compile("([0-9A-Fa-f.:]+(/[0-9]{1,3})?):([0-9]{1,5})");
    private static final Pattern FIELD = Pattern.compile("\\*|[A-Za-z][A-Za-z0-9_-]{0,63}");
    private static final Set<String> RECORD_TYPES = Set.of("d", "b", "t", "tq", "r", "f", "rb", "rs");
    private static final Pattern CONTENT_HASH = Pattern.compile("(?m)^# content-sha256: ([0-9a-f]{64})$");

    /** A value check: null when fine, else what is wrong. */
    private interface Check {
        String check(List<String> args);
    }

    private record Section(Map<String, Check> directives, Map<String, String> blocks) {
    }

    private static final Map<String, Check> DOMAIN_DIRECTIVES = Map.of(
            "max-msg-rate", one(ConfigParser::rate),
            "max-smtp-out", one(ConfigParser::integer),
            "max-msg-per-connection", one(ConfigParser::integer),
            "dkim-sign", one(ConfigParser::bool),
            "retry-after", one(ConfigParser::intervalList),
            "bounce-after", one(ConfigParser::interval),
            "backoff-max-msg-rate", one(ConfigParser::rate),
            "backoff-retry-after", one(ConfigParser::interval),
            "backoff-to-normal-after", one(ConfigParser::interval),
            "smtp-pattern-list", one(ConfigParser::name));

    /** Section name to what it may contain; a block maps to the section its body is checked as. */
    private static final Map<String, Section> SECTIONS = Map.of(
            "", new Section(Map.of(
                    "postmaster", one(ConfigParser::email),
                    "smtp-listener", one(ConfigParser::listener),
                    "http-mgmt-port", one(ConfigParser::port),
                    "http-access", ConfigParser::httpAccess,
                    "run-as-root", one(ConfigParser::bool),
                    "log-file", one(ConfigParser::path),
                    "include", one(ConfigParser::globPath)),
                    Map.of("source", "source", "virtual-mta", "virtual-mta", "virtual-mta-pool", "virtual-mta-pool",
                            "domain", "domain", "acct-file", "acct-file", "smtp-pattern-list", "smtp-pattern-list",
                            "mx-rollup-list", "mx-rollup-list")),
            "source", new Section(Map.of(
                    "always-allow-relaying", one(ConfigParser::bool),
                    "process-x-virtual-mta", one(ConfigParser::bool),
                    "smtp-service", one(ConfigParser::bool),
                    "add-received-header", one(ConfigParser::bool),
                    "default-virtual-mta", one(ConfigParser::name)), Map.of()),
            "virtual-mta", new Section(Map.of(
                    "smtp-source-host", ConfigParser::smtpSourceHost,
                    "domain-key", ConfigParser::domainKey,
                    "max-smtp-out", one(ConfigParser::integer),
                    "max-msg-rate", one(ConfigParser::rate),
                    "max-msg-per-connection", one(ConfigParser::integer),
                    "include", one(ConfigParser::globPath)), Map.of("domain", "domain")),
            "virtual-mta-pool", new Section(Map.of("virtual-mta", one(ConfigParser::name)), Map.of()),
            "domain", new Section(DOMAIN_DIRECTIVES, Map.of()),
            "acct-file", new Section(Map.of(
                    "records", one(ConfigParser::records),
                    "record-fields", ConfigParser::recordFields,
                    "move-interval", one(ConfigParser::interval),
                    "max-size", one(ConfigParser::size),
                    "delete-after", one(ConfigParser::interval)), Map.of()),
            "smtp-pattern-list", new Section(Map.of("reply", ConfigParser::reply), Map.of()),
            "mx-rollup-list", new Section(Map.of("mx", ConfigParser::mx), Map.of()));

    private static final Map<String, Check> BLOCK_ARGUMENTS = Map.of(
            "source", one(ConfigParser::sourceSpec),
            "virtual-mta", one(ConfigParser::name),
            "virtual-mta-pool", one(ConfigParser::name),
            "domain", one(ConfigParser::domainPattern),
            "acct-file", one(ConfigParser::path),
            "smtp-pattern-list", one(ConfigParser::name),
            "mx-rollup-list", args -> args.isEmpty() ? null : "takes no argument");

    private final Path root;

    ConfigParser(Path root) {
        this.root = root;
    }

    /** A directive or block as read, with where it was read. */
    private record Node(String keyword, List<String> args, boolean block, String file, int line, List<Node> children) {
    }

    private final class Reading {
        final List<String> files = new ArrayList<>();
        final MessageDigest digest = sha256();
        String generatedHash;
    }

    LiveConfig parse(String mainConfig) throws ConfigException {
        Reading reading = new Reading();
        List<Node> top = readFile(reading, mainConfig, "", 0, null, 0);
        return build(reading, top);
    }

    // ---------------------------------------------------------------- reading

    private List<Node> readFile(Reading reading, String file, String context, int depth, String fromFile, int fromLine)
            throws ConfigException {
        Path local = local(file);
        if (local == null || !Files.isRegularFile(local)) {
            if (fromFile == null) {
                throw new ConfigException(file, 1, "cannot open configuration file: No such file or directory");
            }
            throw new ConfigException(fromFile, fromLine, "cannot open include file " + file + ": No such file or directory");
        }
        String text;
        try {
            byte[] bytes = Files.readAllBytes(local);
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(bytes)).toString();
            reading.digest.update(bytes);
        } catch (CharacterCodingException e) {
            throw new ConfigException(file, 1, "file is not valid UTF-8");
        } catch (IOException e) {
            throw new ConfigException(fromFile == null ? file : fromFile, fromLine, "cannot read " + file + ": " + e.getMessage());
        }
        reading.files.add(file);
        Matcher hash = CONTENT_HASH.matcher(text);
        if (hash.find() && reading.generatedHash == null) {
            reading.generatedHash = hash.group(1);
        }

        Deque<Node> open = new ArrayDeque<>();
        Deque<String> contexts = new ArrayDeque<>();
        List<Node> top = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            int number = i + 1;
            if (lines[i].indexOf('\r') >= 0 || lines[i].chars().anyMatch(c -> c < 0x20 && c != '\t')) {
                throw new ConfigException(file, number, "control character in line");
            }
            List<String> words = words(file, number, lines[i]);
            if (words.isEmpty()) {
                continue;
            }
            String current = contexts.isEmpty() ? context : contexts.peek();
            List<Node> target = open.isEmpty() ? top : open.peek().children();
            String first = words.get(0);
            if (first.startsWith("</")) {
                String tag = closingTag(file, number, words);
                if (open.isEmpty()) {
                    throw new ConfigException(file, number, "unexpected </" + tag + "> (no section is open)");
                }
                if (!open.peek().keyword().equals(tag)) {
                    throw new ConfigException(file, number, "found </" + tag + "> but expected </" + open.peek().keyword() + ">");
                }
                open.pop();
                contexts.pop();
            } else if (first.startsWith("<")) {
                Node block = openingTag(file, number, words);
                String inner = SECTIONS.get(current).blocks().get(block.keyword());
                if (inner == null) {
                    throw new ConfigException(file, number, SECTIONS.values().stream().anyMatch(s -> s.blocks().containsKey(block.keyword()))
                            ? "section <" + block.keyword() + "> is not allowed " + where(current)
                            : "unknown section <" + block.keyword() + ">");
                }
                String problem = BLOCK_ARGUMENTS.get(block.keyword()).check(block.args());
                if (problem != null) {
                    throw new ConfigException(file, number, "invalid <" + block.keyword() + "> argument '"
                            + printable(String.join(" ", block.args())) + "': " + problem);
                }
                target.add(block);
                open.push(block);
                contexts.push(inner);
            } else {
                Check check = SECTIONS.get(current).directives().get(first);
                if (check == null) {
                    boolean known = SECTIONS.values().stream().anyMatch(s -> s.directives().containsKey(first));
                    throw new ConfigException(file, number, known
                            ? "directive '" + printable(first) + "' is not allowed " + where(current)
                            : "unknown directive '" + printable(first) + "'");
                }
                List<String> args = first.equals("reply") ? replyArgs(lines[i]) : List.copyOf(words.subList(1, words.size()));
                String problem = check.check(args);
                if (problem != null) {
                    throw new ConfigException(file, number, "invalid value '" + printable(String.join(" ", args))
                            + "' for " + first + ": " + problem);
                }
                if (first.equals("include")) {
                    if (depth >= MAX_INCLUDE_DEPTH) {
                        throw new ConfigException(file, number, "includes nested deeper than " + MAX_INCLUDE_DEPTH);
                    }
                    for (String included : expand(file, number, args.get(0))) {
                        target.addAll(readFile(reading, included, current, depth + 1, file, number));
                    }
                } else {
                    target.add(new Node(first, args, false, file, number, List.of()));
                }
            }
        }
        if (!open.isEmpty()) {
            Node unclosed = open.peek();
            throw new ConfigException(file, lines.length, "<" + unclosed.keyword() + "> opened in line " + unclosed.line()
                    + " is not closed (missing </" + unclosed.keyword() + ">)");
        }
        return top;
    }

    private static String where(String context) {
        return context.isEmpty() ? "at top level" : "in <" + context + ">";
    }

    /** A glob matches files in one directory (sorted; none is fine); a plain path must exist. */
    private List<String> expand(String file, int line, String pattern) throws ConfigException {
        if (pattern.indexOf('*') < 0 && pattern.indexOf('?') < 0) {
            return List.of(pattern);
        }
        int slash = pattern.lastIndexOf('/');
        String directory = slash == 0 ? "/" : pattern.substring(0, slash);
        String glob = pattern.substring(slash + 1);
        if (directory.indexOf('*') >= 0 || directory.indexOf('?') >= 0) {
            throw new ConfigException(file, line, "wildcards are only allowed in the file name of an include");
        }
        Path dir = local(directory);
        TreeSet<String> matches = new TreeSet<>();
        if (dir != null && Files.isDirectory(dir)) {
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, glob)) {
                for (Path entry : entries) {
                    if (Files.isRegularFile(entry)) {
                        matches.add((directory.endsWith("/") ? directory : directory + "/") + entry.getFileName());
                    }
                }
            } catch (IOException e) {
                throw new ConfigException(file, line, "cannot read directory " + directory + ": " + e.getMessage());
            }
        }
        return List.copyOf(matches);
    }

    /** The local file of a host path, or null if it would leave the host's root. */
    Path local(String hostPath) {
        if (hostPath == null || !hostPath.startsWith("/")) {
            return null;
        }
        Path resolved = root.resolve(hostPath.substring(1)).normalize();
        return resolved.startsWith(root) ? resolved : null;
    }

    private static Node openingTag(String file, int line, List<String> words) throws ConfigException {
        String joined = String.join(" ", words);
        if (!joined.endsWith(">") || joined.indexOf('>') != joined.length() - 1) {
            throw new ConfigException(file, line, "malformed section tag (expected <name argument>)");
        }
        String inner = joined.substring(1, joined.length() - 1).trim();
        String[] parts = inner.isEmpty() ? new String[0] : inner.split(" +");
        if (parts.length == 0) {
            throw new ConfigException(file, line, "empty section tag");
        }
        List<String> args = new ArrayList<>(List.of(parts).subList(1, parts.length));
        return new Node(parts[0], List.copyOf(args), true, file, line, new ArrayList<>());
    }

    private static String closingTag(String file, int line, List<String> words) throws ConfigException {
        String joined = String.join(" ", words);
        if (words.size() != 1 || !joined.endsWith(">") || joined.length() < 4 || joined.indexOf('>') != joined.length() - 1) {
            throw new ConfigException(file, line, "malformed closing tag '" + printable(joined) + "'");
        }
        return joined.substring(2, joined.length() - 1);
    }

    /** Whitespace separates, double quotes group (backslash escapes inside), '#' outside quotes ends the line. */
    private static List<String> words(String file, int line, String text) throws ConfigException {
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
            throw new ConfigException(file, line, "unterminated quoted string");
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }

    /** {@code reply /regex/ options}: the regex may hold spaces, so it is cut from the raw line. */
    private static List<String> replyArgs(String raw) {
        String rest = raw.trim().substring("reply".length()).trim();
        if (!rest.startsWith("/")) {
            return List.of(rest);
        }
        int end = rest.lastIndexOf('/');
        if (end <= 0) {
            return List.of(rest);
        }
        List<String> args = new ArrayList<>();
        args.add(rest.substring(0, end + 1));
        String options = rest.substring(end + 1);
        int hash = options.indexOf('#');
        for (String option : (hash >= 0 ? options.substring(0, hash) : options).trim().split("\\s+")) {
            if (!option.isEmpty()) {
                args.add(option);
            }
        }
        return args;
    }

    // ---------------------------------------------------------------- building

    private LiveConfig build(Reading reading, List<Node> top) throws ConfigException {
        Map<String, LiveConfig.DomainLimits> globalDomains = new LinkedHashMap<>();
        Map<String, List<String>> pools = new LinkedHashMap<>();
        Map<String, List<String>> rollups = new LinkedHashMap<>();
        List<LiveConfig.AccountingFile> accounting = new ArrayList<>();
        Set<String> patternLists = new TreeSet<>();
        Map<String, Node> vmtaNodes = new LinkedHashMap<>();
        Set<String> accountingPaths = new TreeSet<>();

        for (Node node : top) {
            if (!node.block()) {
                continue;
            }
            switch (node.keyword()) {
                case "virtual-mta" -> {
                    if (vmtaNodes.putIfAbsent(node.args().get(0), node) != null) {
                        throw new ConfigException(node.file(), node.line(), "virtual-mta '" + node.args().get(0) + "' is defined twice");
                    }
                }
                case "smtp-pattern-list" -> {
                    if (!patternLists.add(node.args().get(0))) {
                        throw new ConfigException(node.file(), node.line(), "smtp-pattern-list '" + node.args().get(0) + "' is defined twice");
                    }
                }
                case "domain" -> {
                    if (globalDomains.containsKey(node.args().get(0))) {
                        throw new ConfigException(node.file(), node.line(), "<domain " + node.args().get(0) + "> is defined twice");
                    }
                    globalDomains.put(node.args().get(0), limits(node));
                }
                case "mx-rollup-list" -> {
                    for (Node mx : node.children()) {
                        rollups.computeIfAbsent(mx.args().get(1), r -> new ArrayList<>()).add(mx.args().get(0));
                    }
                }
                case "acct-file" -> {
                    if (!accountingPaths.add(node.args().get(0))) {
                        throw new ConfigException(node.file(), node.line(), "<acct-file " + node.args().get(0) + "> is defined twice");
                    }
                    accounting.add(accountingFile(node));
                }
                default -> {
                    // source blocks carry nothing the simulation uses
                }
            }
        }
        Map<String, List<String>> poolsOf = new LinkedHashMap<>();
        for (Node node : top) {
            if (node.block() && node.keyword().equals("virtual-mta-pool")) {
                String pool = node.args().get(0);
                if (pools.containsKey(pool)) {
                    throw new ConfigException(node.file(), node.line(), "virtual-mta-pool '" + pool + "' is defined twice");
                }
                if (vmtaNodes.containsKey(pool)) {
                    throw new ConfigException(node.file(), node.line(), "'" + pool + "' names both a virtual-mta and a virtual-mta-pool");
                }
                List<String> members = new ArrayList<>();
                for (Node member : node.children()) {
                    String name = member.args().get(0);
                    if (!vmtaNodes.containsKey(name)) {
                        throw new ConfigException(member.file(), member.line(), "unknown virtual-mta '" + name + "'");
                    }
                    if (!members.contains(name)) {
                        members.add(name);
                        poolsOf.computeIfAbsent(name, n -> new ArrayList<>()).add(pool);
                    }
                }
                pools.put(pool, List.copyOf(members));
            }
        }
        checkPatternListReferences(top, patternLists);

        Map<String, LiveConfig.VirtualMta> vmtas = new LinkedHashMap<>();
        for (Node node : vmtaNodes.values()) {
            vmtas.put(node.args().get(0), virtualMta(node, poolsOf.getOrDefault(node.args().get(0), List.of())));
        }
        return new LiveConfig(reading.files, vmtas, pools, globalDomains, rollups, accounting,
                HexFormat.of().formatHex(reading.digest.digest()), reading.generatedHash);
    }

    private static void checkPatternListReferences(List<Node> nodes, Set<String> patternLists) throws ConfigException {
        for (Node node : nodes) {
            if (!node.block() && node.keyword().equals("smtp-pattern-list") && !patternLists.contains(node.args().get(0))) {
                throw new ConfigException(node.file(), node.line(), "unknown smtp-pattern-list '" + node.args().get(0) + "'");
            }
            if (node.block() && !node.keyword().equals("smtp-pattern-list")) {
                checkPatternListReferences(node.children(), patternLists);
            }
        }
    }

    private static LiveConfig.VirtualMta virtualMta(Node node, List<String> pools) throws ConfigException {
        String ip = null;
        String helo = null;
        String selector = null;
        String dkimDomain = null;
        String keyFile = null;
        Integer maxSmtpOut = null;
        Rate rate = null;
        Map<String, LiveConfig.DomainLimits> domains = new LinkedHashMap<>();
        for (Node child : node.children()) {
            if (child.block()) {
                String pattern = child.args().get(0);
                if (domains.containsKey(pattern)) {
                    throw new ConfigException(child.file(), child.line(), "<domain " + pattern + "> is defined twice in virtual-mta '"
                            + node.args().get(0) + "'");
                }
                domains.put(pattern, limits(child));
                continue;
            }
            switch (child.keyword()) {
                case "smtp-source-host" -> {
                    ip = child.args().get(0);
                    helo = child.args().get(1);
                }
                case "domain-key" -> {
                    String[] parts = String.join("", child.args()).split(",", -1);
                    selector = parts[0].trim();
                    dkimDomain = parts[1].trim();
                    keyFile = parts[2].trim();
                }
                case "max-smtp-out" -> maxSmtpOut = Integer.valueOf(child.args().get(0));
                case "max-msg-rate" -> rate = Rate.parse(child.args().get(0));
                default -> {
                    // max-msg-per-connection at the virtual-mta level does not change the simulation
                }
            }
        }
        return new LiveConfig.VirtualMta(node.args().get(0), ip, helo, selector, dkimDomain, keyFile, pools, maxSmtpOut, rate, domains);
    }

    private static LiveConfig.DomainLimits limits(Node node) {
        Rate rate = null;
        Integer smtpOut = null;
        Integer perConnection = null;
        for (Node child : node.children()) {
            switch (child.keyword()) {
                case "max-msg-rate" -> rate = Rate.parse(child.args().get(0));
                case "max-smtp-out" -> smtpOut = Integer.valueOf(child.args().get(0));
                case "max-msg-per-connection" -> perConnection = Integer.valueOf(child.args().get(0));
                default -> {
                    // retry/backoff/DKIM settings are accepted and checked but not simulated
                }
            }
        }
        return new LiveConfig.DomainLimits(node.args().get(0), rate, smtpOut, perConnection);
    }

    private static LiveConfig.AccountingFile accountingFile(Node node) {
        List<String> records = List.of("d", "b", "t", "tq", "r", "f", "rb", "rs");
        List<String> headerFields = new ArrayList<>();
        Duration moveInterval = null;
        long maxSize = 0;
        Duration deleteAfter = null;
        for (Node child : node.children()) {
            switch (child.keyword()) {
                case "records" -> records = List.of(child.args().get(0).split(","));
                case "record-fields" -> {
                    for (String field : child.args().get(1).split(",")) {
                        if (field.startsWith("header_") && !headerFields.contains(field)) {
                            headerFields.add(field);
                        }
                    }
                }
                case "move-interval" -> moveInterval = intervalOf(child.args().get(0));
                case "max-size" -> maxSize = sizeOf(child.args().get(0));
                case "delete-after" -> deleteAfter = intervalOf(child.args().get(0));
                default -> {
                    // records/record-fields handled above; nothing else is allowed in <acct-file>
                }
            }
        }
        return new LiveConfig.AccountingFile(node.args().get(0), records, headerFields, moveInterval, maxSize, deleteAfter);
    }

    static Duration intervalOf(String text) {
        Matcher m = INTERVAL_PART.matcher(text);
        long seconds = 0;
        while (m.find()) {
            long n = Long.parseLong(m.group(1));
            seconds += n * switch (m.group(2)) {
                case "s" -> 1;
                case "m" -> 60;
                case "h" -> 3600;
                case "d" -> 86_400;
                default -> 604_800;
            };
        }
        return Duration.ofSeconds(seconds);
    }

    private static long sizeOf(String text) {
        Matcher m = SIZE.matcher(text);
        if (!m.matches()) {
            return 0;
        }
        long n = Long.parseLong(m.group(1));
        return n * switch (m.group(2).toUpperCase(java.util.Locale.ROOT)) {
            case "K" -> 1024L;
            case "M" -> 1024L * 1024;
            case "G" -> 1024L * 1024 * 1024;
            default -> 1L;
        };
    }

    // ---------------------------------------------------------------- value grammars

    private static Check one(java.util.function.Function<String, String> check) {
        return args -> args.size() != 1 ? "expected exactly one value, found " + args.size() : check.apply(args.get(0));
    }

    private static String rate(String value) {
        try {
            Rate.parse(value);
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    private static String integer(String value) {
        return INTEGER.matcher(value).matches() ? null : "expected a non-negative number";
    }

    private static String port(String value) {
        return INTEGER.matcher(value).matches() && Integer.parseInt(value) >= 1 && Integer.parseInt(value) <= 65_535
                ? null : "expected a port number 1..65535";
    }

    private static String bool(String value) {
        return Set.of("yes", "no", "true", "false").contains(value) ? null : "expected yes, no, true or false";
    }

    private static String interval(String value) {
        return INTERVAL.matcher(value).matches() ? null : "expected an interval such as 10m, 1h or 4d12h";
    }

    private static String intervalList(String value) {
        for (String part : value.split(",", -1)) {
            if (!INTERVAL.matcher(part).matches()) {
                return "expected a comma-separated list of intervals such as 10m,30m,1h";
            }
        }
        return null;
    }

    private static String size(String value) {
        return SIZE.matcher(value).matches() ? null : "expected a size such as 50M";
    }

    private static String name(String value) {
        return NAME.matcher(value).matches() ? null : "expected a name of letters, digits, '.', '_' and '-'";
    }

    private static String path(String value) {
        return PATH.matcher(value).matches() && !value.contains("/../") && !value.endsWith("/..") && !value.contains("/./")
                ? null : "expected an absolute path of letters, digits, '.', '_', '-' and '/'";
    }

    private static String globPath(String value) {
        return GLOB_PATH.matcher(value).matches() && !value.contains("/../") && !value.endsWith("/..")
                ? null : "expected an absolute path (wildcards * and ? allowed in the file name)";
    }

    private static String email(String value) {
        int at = value.lastIndexOf('@');
        return at > 0 && value.substring(0, at).matches("[A-Za-z0-9._+-]{1,64}") && hostname(value.substring(at + 1))
                ? null : "expected an e-mail address";
    }

    private static String listener(String value) {
        Matcher m = LISTENER.matcher(value);
        if (!m.matches()) {
            return "expected IP[/bits]:port such as 0/0:25";
        }
        int port = Integer.parseInt(m.group(3));
        return port >= 1 && port <= 65_535 ? null : "port must be 1..65535";
    }

    private static String httpAccess(List<String> args) {
        if (args.size() != 2) {
            return "expected an IP or network and an access level";
        }
        if (sourceSpec(args.get(0)) != null) {
            return "'" + printable(args.get(0)) + "' is not an IP address or network";
        }
        return Set.of("none", "monitor", "admin").contains(args.get(1)) ? null : "access level must be none, monitor or admin";
    }

    private static String sourceSpec(String value) {
        int slash = value.indexOf('/');
        String address = slash >= 0 ? value.substring(0, slash) : value;
        if (slash >= 0) {
            String bits = value.substring(slash + 1);
            if (!INTEGER.matcher(bits).matches() || Integer.parseInt(bits) > 128) {
                return "expected IP[/bits]";
            }
            if (address.equals("0")) {
                return null;
            }
        }
        return ip(address) ? null : "expected an IP address or network";
    }

    private static String smtpSourceHost(List<String> args) {
        if (args.size() != 2) {
            return "expected an IP address and a host name";
        }
        if (!ip(args.get(0))) {
            return "'" + printable(args.get(0)) + "' is not an IP address";
        }
        return hostname(args.get(1)) ? null : "'" + printable(args.get(1)) + "' is not a host name";
    }

    private static String domainKey(List<String> args) {
        String[] parts = String.join("", args).split(",", -1);
        if (parts.length != 3) {
            return "expected selector,domain,key-file";
        }
        if (!NAME.matcher(parts[0].trim()).matches()) {
            return "bad selector";
        }
        if (!hostname(parts[1].trim())) {
            return "bad domain";
        }
        return path(parts[2].trim()) == null ? null : "bad key file path";
    }

    private static String domainPattern(String value) {
        if (value.equals("*")) {
            return null;
        }
        String domain = value.startsWith("[*.]") ? value.substring(4) : value.startsWith("*.") ? value.substring(2) : value;
        return hostname(domain) ? null : "expected *, a domain, *.domain or [*.]domain";
    }

    private static String records(String value) {
        for (String type : value.split(",", -1)) {
            if (!RECORD_TYPES.contains(type)) {
                return "unknown record type '" + printable(type) + "' (known: d,b,t,tq,r,f,rb,rs)";
            }
        }
        return null;
    }

    private static String recordFields(List<String> args) {
        if (args.size() != 2) {
            return "expected a record type and a comma-separated field list";
        }
        if (!RECORD_TYPES.contains(args.get(0))) {
            return "unknown record type '" + printable(args.get(0)) + "'";
        }
        for (String field : args.get(1).split(",", -1)) {
            if (!FIELD.matcher(field).matches()) {
                return "bad field name '" + printable(field) + "'";
            }
        }
        return null;
    }

    private static String reply(List<String> args) {
        if (args.isEmpty() || !args.get(0).startsWith("/") || !args.get(0).endsWith("/") || args.get(0).length() < 3) {
            return "expected /regular expression/ followed by options";
        }
        try {
            Pattern.compile(args.get(0).substring(1, args.get(0).length() - 1));
        } catch (PatternSyntaxException e) {
            return "bad regular expression";
        }
        for (String option : args.subList(1, args.size())) {
            if (!option.matches("mode=(backoff|normal)")) {
                return "unknown option '" + printable(option) + "' (expected mode=backoff or mode=normal)";
            }
        }
        return null;
    }

    private static String mx(List<String> args) {
        if (args.size() < 2 || args.size() > 3) {
            return "expected an MX pattern, a rollup name and optionally rollup-by-ip";
        }
        String pattern = args.get(0).startsWith("*.") ? args.get(0).substring(2) : args.get(0);
        if (!hostname(pattern)) {
            return "bad MX pattern '" + printable(args.get(0)) + "'";
        }
        if (!hostname(args.get(1))) {
            return "bad rollup name '" + printable(args.get(1)) + "'";
        }
        return args.size() == 2 || args.get(2).equals("rollup-by-ip") ? null : "unknown option '" + printable(args.get(2)) + "'";
    }

    static boolean hostname(String value) {
        if (value == null || value.isEmpty() || value.length() > 253 || value.endsWith(".")) {
            return false;
        }
        for (String label : value.split("\\.", -1)) {
            if (!LABEL.matcher(label).matches()) {
                return false;
            }
        }
        return true;
    }

    /** IPv4 in dotted decimal or an IPv6 literal; never a name (nothing is resolved). */
    static boolean ip(String value) {
        if (value == null || value.isEmpty()) {
            return false;
        }
        if (value.indexOf(':') < 0) {
            String[] parts = value.split("\\.", -1);
            if (parts.length != 4) {
                return false;
            }
            for (String part : parts) {
                if (!part.matches("0|[1-9][0-9]{0,2}") || Integer.parseInt(part) > 255) {
                    return false;
                }
            }
            return true;
        }
        if (!value.matches("[0-9A-Fa-f:.]{2,45}")) {
            return false;
        }
        try {
            return java.net.InetAddress.getByName(value) instanceof java.net.Inet6Address;
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    static String printable(String value) {
        String cut = value.length() > 60 ? value.substring(0, 60) + "..." : value;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
