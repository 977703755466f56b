package io.emailengine.simulator.mailwizz;

import java.util.Objects;

/**
 * One API key of one MailWizz customer. A 2.x key ({@code X-API-KEY}) when {@code privateKey} is null,
 * else a 1.x key pair whose requests must be signed ({@code X-MW-PUBLIC-KEY}, {@code X-MW-TIMESTAMP},
 * {@code X-MW-SIGNATURE}). {@link #toString()} never shows a key.
 *
 * @param customerId   the MailWizz customer ({@code mw_customer.customer_id}) the key belongs to
 * @param customerName a label for pages and {@link Suppression}s, e.g. the tenant id
 */
public record ApiCredentials(long customerId, String customerName, String publicKey, String privateKey) {

    public ApiCredentials {
        if (customerId <= 0) {
            throw new IllegalArgumentException("customerId must be positive");
        }
        Objects.requireNonNull(customerName, "customerName");
        if (publicKey == null || publicKey.isBlank()) {
            throw new IllegalArgumentException("publicKey is required");
        }
        if (privateKey != null && privateKey.isBlank()) {
            throw new IllegalArgumentException("privateKey must be null (2.x key) or non-blank (1.x key pair)");
        }
    }

    /** A MailWizz 2.x API key sent as {@code X-API-KEY}. */
    public static ApiCredentials v2(long customerId, String customerName, String apiKey) {
        return new ApiCredentials(customerId, customerName, apiKey, null);
    }

    /** A MailWizz 1.x key pair: requests are signed with HMAC-SHA1 of the private key. */
    public static ApiCredentials v1(long customerId, String customerName, String publicKey, String privateKey) {
        return new ApiCredentials(customerId, customerName, publicKey, privateKey);
    }

    public boolean signed() {
        return privateKey != null;
    }

    /** 2 for {@code X-API-KEY}, 1 for signed requests: the gateway's {@code api-version}. */
    public int apiVersion() {
        return signed() ? 1 : 2;
    }

    @Override
    public String toString() {
        return "ApiCredentials[customerId=" + customerId + ", customerName=" + customerName + ", apiVersion=" + apiVersion()
                + ", publicKey=***, privateKey=***]";
    }
}
