package dev.baton.auth.client.file;

/**
 * A clients file that comes inside the jar, contributed as a bean by the feature that
 * ships it (the demo's {@code clients/demo-clients.yml}). {@link ClientsFileApplier}
 * applies every one of them, then the operator's {@code baton.clients.file}.
 *
 * @param location the file's path on the class path
 */
public record ShippedClientsFile(String location) {
}
