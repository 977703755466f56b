package io.emailengine.kit.security;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * Command line: {@code new} prints a fresh key and its hash; {@code hash} reads a key from
 * standard input (so it stays out of the shell history) and prints its hash. Only the hash goes
 * into configuration.
 */
public final class ApiKeyTool {

    private ApiKeyTool() {
    }

    public static void main(String[] args) throws IOException {
        String command = args.length == 0 ? "" : args[0];
        switch (command) {
            case "new" -> {
                String key = ApiKeys.newKey();
                System.out.println("key:  " + key);
                System.out.println("hash: " + ApiKeys.hash(key));
            }
            case "hash" -> {
                String key = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
                if (key == null || key.isBlank()) {
                    System.err.println("hash: expected the key on standard input");
                    System.exit(2);
                }
                System.out.println(ApiKeys.hash(key.strip()));
            }
            default -> {
                System.err.println("usage: ApiKeyTool new | hash  (hash reads the key from standard input)");
                System.exit(2);
            }
        }
    }
}
