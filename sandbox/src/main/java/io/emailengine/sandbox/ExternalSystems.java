package io.emailengine.sandbox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Real third-party systems that replace a simulator, configured by environment variables (never by command-line
 * options: several are secrets). A group that is absent keeps its simulator; a group that is partly set is an error
 * naming what is missing.
 *
 * <pre>
 * PowerMTA:  SANDBOX_PMTA_ADDRESS, SANDBOX_PMTA_PORT (22), SANDBOX_PMTA_USER, SANDBOX_PMTA_PRIVATE_KEY_FILE,
 *            SANDBOX_PMTA_HOST_KEY_SHA256, SANDBOX_PMTA_INCLUDE_PATH, SANDBOX_PMTA_DKIM_DIR (/etc/pmta/dkim),
 *            SANDBOX_PMTA_ACCT_DIR (/var/log/pmta), SANDBOX_PMTA_ACCT_PATTERN
 * MailWizz:  SANDBOX_MAILWIZZ_BASE_URL, SANDBOX_MAILWIZZ_JDBC_URL, SANDBOX_MAILWIZZ_JDBC_USER,
 *            SANDBOX_MAILWIZZ_JDBC_PASSWORD, SANDBOX_MAILWIZZ_TENANT_A_API_KEY, SANDBOX_MAILWIZZ_TENANT_B_API_KEY,
 *            SANDBOX_MAILWIZZ_TENANT_A_CUSTOMER_ID, SANDBOX_MAILWIZZ_TENANT_B_CUSTOMER_ID (MailWizz customer_id of each)
 *            (2.x keys; the delivery servers of the seed IPs are found by the gateway's discovery)
 * Telegram:  SANDBOX_TELEGRAM_BOT_TOKEN, SANDBOX_TELEGRAM_CHAT_ID
 * </pre>
 */
record ExternalSystems(Optional<SimulationEnvironment.PmtaEndpoint> pmta,
                       Optional<SimulationEnvironment.MailwizzEndpoint> mailwizz,
                       Optional<Telegram> telegram) {

    @Override
    public String toString() { // every part masks its own secrets
        return "ExternalSystems[pmta=" + pmta + ", mailwizz=" + mailwizz + ", telegram=" + telegram + "]";
    }

    /** A real bot and the chat all alerts go to. */
    record Telegram(String botToken, String chatId) {
        @Override
        public String toString() {
            return "Telegram[botToken=***, chatId=" + chatId + "]";
        }
    }

    static final String ACCOUNTING_PATTERN = "(email-engine-)?acct.*\\.csv";

    static ExternalSystems fromEnvironment(Map<String, String> env) {
        return new ExternalSystems(pmta(env), mailwizz(env), telegram(env));
    }

    private static Optional<SimulationEnvironment.PmtaEndpoint> pmta(Map<String, String> env) {
        if (!anySet(env, "SANDBOX_PMTA_")) {
            return Optional.empty();
        }
        require(env, "SANDBOX_PMTA_ADDRESS", "SANDBOX_PMTA_USER", "SANDBOX_PMTA_PRIVATE_KEY_FILE",
                "SANDBOX_PMTA_HOST_KEY_SHA256", "SANDBOX_PMTA_INCLUDE_PATH");
        if (!env.get("SANDBOX_PMTA_PRIVATE_KEY_FILE").startsWith("/")) { // both services read it as a mounted file
            throw new IllegalArgumentException("SANDBOX_PMTA_PRIVATE_KEY_FILE must be an absolute file path, was '"
                    + env.get("SANDBOX_PMTA_PRIVATE_KEY_FILE") + "'");
        }
        return Optional.of(new SimulationEnvironment.PmtaEndpoint(Seed.HOST_ID, env.get("SANDBOX_PMTA_ADDRESS"),
                Integer.parseInt(env.getOrDefault("SANDBOX_PMTA_PORT", "22")), env.get("SANDBOX_PMTA_USER"),
                env.get("SANDBOX_PMTA_PRIVATE_KEY_FILE"), env.get("SANDBOX_PMTA_HOST_KEY_SHA256"),
                env.get("SANDBOX_PMTA_INCLUDE_PATH"), env.getOrDefault("SANDBOX_PMTA_DKIM_DIR", "/etc/pmta/dkim"),
                env.getOrDefault("SANDBOX_PMTA_ACCT_DIR", "/var/log/pmta"),
                env.getOrDefault("SANDBOX_PMTA_ACCT_PATTERN", ACCOUNTING_PATTERN)));
    }

    private static Optional<SimulationEnvironment.MailwizzEndpoint> mailwizz(Map<String, String> env) {
        if (!anySet(env, "SANDBOX_MAILWIZZ_")) {
            return Optional.empty();
        }
        require(env, "SANDBOX_MAILWIZZ_BASE_URL", "SANDBOX_MAILWIZZ_JDBC_URL", "SANDBOX_MAILWIZZ_JDBC_USER",
                "SANDBOX_MAILWIZZ_JDBC_PASSWORD", "SANDBOX_MAILWIZZ_TENANT_A_API_KEY", "SANDBOX_MAILWIZZ_TENANT_B_API_KEY",
                "SANDBOX_MAILWIZZ_TENANT_A_CUSTOMER_ID", "SANDBOX_MAILWIZZ_TENANT_B_CUSTOMER_ID");
        List<SimulationEnvironment.MailwizzTenant> tenants = new ArrayList<>();
        for (String tenant : ApiKeySet.TENANTS) {
            String variable = "SANDBOX_MAILWIZZ_" + tenant.toUpperCase().replace('-', '_');
            String customer = env.get(variable + "_CUSTOMER_ID").trim();
            if (!customer.matches("[1-9][0-9]{0,9}")) {
                throw new IllegalArgumentException(variable + "_CUSTOMER_ID must be a MailWizz customer_id, found '" + customer + "'");
            }
            tenants.add(new SimulationEnvironment.MailwizzTenant(tenant, 2, env.get(variable + "_API_KEY"), null,
                    Long.parseLong(customer), Map.of()));
        }
        return Optional.of(new SimulationEnvironment.MailwizzEndpoint(env.get("SANDBOX_MAILWIZZ_BASE_URL"),
                env.get("SANDBOX_MAILWIZZ_JDBC_URL"), env.get("SANDBOX_MAILWIZZ_JDBC_USER"),
                env.get("SANDBOX_MAILWIZZ_JDBC_PASSWORD"), tenants));
    }

    private static Optional<Telegram> telegram(Map<String, String> env) {
        if (!anySet(env, "SANDBOX_TELEGRAM_")) {
            return Optional.empty();
        }
        require(env, "SANDBOX_TELEGRAM_BOT_TOKEN", "SANDBOX_TELEGRAM_CHAT_ID");
        return Optional.of(new Telegram(env.get("SANDBOX_TELEGRAM_BOT_TOKEN"), env.get("SANDBOX_TELEGRAM_CHAT_ID")));
    }

    private static boolean anySet(Map<String, String> env, String prefix) {
        return env.entrySet().stream().anyMatch(e -> e.getKey().startsWith(prefix) && !e.getValue().isBlank());
    }

    private static void require(Map<String, String> env, String... names) {
        List<String> missing = new ArrayList<>();
        for (String name : names) {
            if (env.getOrDefault(name, "").isBlank()) {
                missing.add(name);
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("A real system is partly configured: set " + String.join(", ", missing)
                    + " as well (or unset the group to keep its simulator)");
        }
    }

    /** The alerting-service settings for a real Telegram bot: every route goes to the one chat. */
    static Map<String, String> telegramEnvironment(Telegram telegram) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("EMAIL_ENGINE_ALERTING_TELEGRAM_BOT_TOKEN", telegram.botToken());
        env.put("EMAIL_ENGINE_ALERTING_ADMIN_CHAT_ID", telegram.chatId());
        for (int i = 0; i < ApiKeySet.TENANTS.size(); i++) {
            env.put("EMAIL_ENGINE_ALERTING_ROUTES_" + i + "_TENANT", ApiKeySet.TENANTS.get(i));
            env.put("EMAIL_ENGINE_ALERTING_ROUTES_" + i + "_CHAT_ID", telegram.chatId());
        }
        return env;
    }
}
