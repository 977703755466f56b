package io.emailengine.pmtaconfig.adapter.in;

import io.emailengine.pmtaconfig.application.DkimKeyStore;
import io.emailengine.pmtaconfig.application.DkimKeys;
import io.emailengine.pmtaconfig.domain.DkimKeyPair;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** DKIM keys: the API only ever returns public keys and DNS records; private keys go to hosts over SFTP. */
@RestController
@RequestMapping("/api/v1/admin/dkim-keys")
class DkimKeyController {

    private final DkimKeys keys;

    DkimKeyController(DkimKeys keys) {
        this.keys = keys;
    }

    /** @param tenant optional: the tenant the key is for (carried on the DkimKeyPublished events) */
    record KeyRequest(String domain, String selector, String tenant) {
    }

    /**
     * @param txtStrings the TXT record value split into DNS character-strings of at most 255 characters
     */
    record KeyView(String domain, String selector, String dnsName, String txtValue, List<String> txtStrings,
                   Instant createdAt, Instant retiredAt, String tenant) {

        static KeyView of(DkimKeyStore.PublishedKey key) {
            return new KeyView(key.domain(), key.selector(), DkimKeyPair.dnsName(key.selector(), key.domain()),
                    DkimKeyPair.txtValue(key.publicKeyBase64()), DkimKeyPair.txtStrings(key.publicKeyBase64()),
                    key.createdAt(), key.retiredAt(), key.tenant());
        }
    }

    record UploadView(String host, String path) {
    }

    record AnnounceView(int announced) {
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    KeyView generate(@RequestBody KeyRequest request) {
        return KeyView.of(keys.generate(request.domain(), request.selector(), request.tenant()));
    }

    /** Publishes DkimKeyPublished again for every stored key (keys from before the event existed, a lost consumer copy). */
    @PostMapping("/announce")
    AnnounceView announceAll() {
        return new AnnounceView(keys.announceAll());
    }

    @GetMapping("/{domain}")
    List<KeyView> forDomain(@PathVariable String domain) {
        return keys.forDomain(domain).stream().map(KeyView::of).toList();
    }

    @PostMapping("/{domain}/{selector}/upload")
    UploadView upload(@PathVariable String domain, @PathVariable String selector, @RequestParam String host) {
        return new UploadView(host, keys.uploadTo(host, domain, selector));
    }

    @PostMapping("/{domain}/{selector}/retire")
    KeyView retire(@PathVariable String domain, @PathVariable String selector) {
        return KeyView.of(keys.retire(domain, selector));
    }
}
