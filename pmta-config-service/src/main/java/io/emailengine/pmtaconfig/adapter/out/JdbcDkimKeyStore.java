package io.emailengine.pmtaconfig.adapter.out;

import io.emailengine.pmtaconfig.application.DkimKeyStore;
import io.emailengine.pmtaconfig.domain.DkimKeyPair;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.util.Base64;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * DKIM keys with the private key encrypted at rest: AES-256-GCM under a key from configuration,
 * a random 96-bit nonce per key stored in front of the ciphertext, and "domain/selector" as
 * associated data so that a ciphertext copied to another row fails to decrypt.
 */
@Repository
class JdbcDkimKeyStore implements DkimKeyStore {

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final JdbcTemplate jdbc;
    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    JdbcDkimKeyStore(JdbcTemplate jdbc, @Value("${email-engine.pmta-config.dkim.encryption-key:}") String base64Key) {
        this.jdbc = jdbc;
        this.key = base64Key.isBlank() ? null : new SecretKeySpec(aesKey(base64Key), "AES");
    }

    /** Fails at startup (never echoing the value) when a key is configured but unusable. */
    private static byte[] aesKey(String base64Key) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64Key.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("email-engine.pmta-config.dkim.encryption-key must be base64");
        }
        if (bytes.length != 32) {
            throw new IllegalStateException("email-engine.pmta-config.dkim.encryption-key must be 32 bytes (AES-256), base64");
        }
        return bytes;
    }

    @Override
    public boolean insert(DkimKeyPair pair, String tenant, Instant now) {
        return jdbc.update("""
                INSERT INTO dkim_key (domain, selector, public_key, private_key_enc, created_at, tenant_id)
                VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (domain, selector) DO NOTHING""",
                pair.domain(), pair.selector(), pair.publicKeyBase64(),
                encrypt(pair.privateKeyPem(), pair.domain(), pair.selector()), Timestamp.from(now), tenant) == 1;
    }

    @Override
    public Optional<DkimKeyPair> find(String domain, String selector) {
        return jdbc.query("SELECT public_key, private_key_enc FROM dkim_key WHERE domain = ? AND selector = ?",
                (rs, row) -> new DkimKeyPair(domain, selector, decrypt(rs.getBytes(2), domain, selector), rs.getString(1)),
                domain, selector).stream().findFirst();
    }

    @Override
    public List<PublishedKey> forDomain(String domain) {
        return jdbc.query(PUBLISHED + " WHERE domain = ? ORDER BY created_at, selector", JdbcDkimKeyStore::published, domain);
    }

    @Override
    public List<PublishedKey> all() {
        return jdbc.query(PUBLISHED + " ORDER BY created_at, domain, selector", JdbcDkimKeyStore::published);
    }

    private static final String PUBLISHED = "SELECT domain, selector, public_key, created_at, retired_at, tenant_id FROM dkim_key";

    private static PublishedKey published(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new PublishedKey(rs.getString(1), rs.getString(2), rs.getString(3), rs.getTimestamp(4).toInstant(),
                rs.getTimestamp(5) == null ? null : rs.getTimestamp(5).toInstant(), rs.getString(6));
    }

    @Override
    public boolean retire(String domain, String selector, Instant now) {
        return jdbc.update("UPDATE dkim_key SET retired_at = COALESCE(retired_at, ?) WHERE domain = ? AND selector = ?",
                Timestamp.from(now), domain, selector) == 1;
    }

    private byte[] encrypt(byte[] plain, String domain, String selector) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, nonce, domain, selector);
            byte[] sealed = cipher.doFinal(plain);
            return ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt a DKIM private key", e);
        }
    }

    private byte[] decrypt(byte[] stored, String domain, String selector) {
        try {
            byte[] nonce = java.util.Arrays.copyOf(stored, NONCE_BYTES);
            return cipher(Cipher.DECRYPT_MODE, nonce, domain, selector).doFinal(stored, NONCE_BYTES, stored.length - NONCE_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot decrypt the DKIM private key of " + selector + "._domainkey." + domain
                    + " (wrong email-engine.pmta-config.dkim.encryption-key?)", e);
        }
    }

    private Cipher cipher(int mode, byte[] nonce, String domain, String selector) throws GeneralSecurityException {
        if (key == null) {
            throw new IllegalStateException("email-engine.pmta-config.dkim.encryption-key is not set; DKIM keys cannot be stored");
        }
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD((domain + "/" + selector).getBytes(StandardCharsets.UTF_8));
        return cipher;
    }
}
