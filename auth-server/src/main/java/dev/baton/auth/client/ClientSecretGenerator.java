package dev.baton.auth.client;

import dev.baton.auth.crypto.OpaqueTokens;

/** Generates client secrets with 256 bits of entropy; only their SHA-256 is stored. */
public final class ClientSecretGenerator {

	private ClientSecretGenerator() {
	}

	public static String generate() {
		return OpaqueTokens.generate();
	}

}
