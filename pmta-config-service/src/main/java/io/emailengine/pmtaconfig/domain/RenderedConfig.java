package io.emailengine.pmtaconfig.domain;

/**
 * One generated include file.
 *
 * @param contentHash hex SHA-256 of everything below the header; identifies the desired state
 */
public record RenderedConfig(long version, String contentHash, String text, int vmtaCount) {
}
