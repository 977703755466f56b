package io.emailengine.sandbox;

/**
 * The MailWizz API keys of one sandbox run: tenant-a's customer uses a 2.x key ({@code X-API-KEY}), tenant-b's a 1.x
 * key pair (signed requests), so both of the gateway's schemes run. 40 hex characters, like MailWizz's own keys.
 */
record MailwizzKeys(String tenantAKey, String tenantBPublic, String tenantBPrivate) {

    static MailwizzKeys generate() {
        return new MailwizzKeys(hex40(), hex40(), hex40());
    }

    private static String hex40() {
        byte[] bytes = new byte[20];
        new java.security.SecureRandom().nextBytes(bytes);
        return java.util.HexFormat.of().formatHex(bytes);
    }

    @Override
    public String toString() {
        return "MailwizzKeys[***]";
    }
}
