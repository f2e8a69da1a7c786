package dev.baton.auth.refresh;

import java.util.List;

import dev.baton.auth.scheduling.CleanupProperties;
import dev.baton.auth.scheduling.CleanupTask;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The refresh feature's cleanup tasks, for tests of the cleanup job, which cannot see
 * package-private types.
 */
public final class TestRefreshCleanups {

	private TestRefreshCleanups() {
	}

	/** Expired successor ciphertexts, then token families, in the job's order. */
	public static List<CleanupTask> tasks(JdbcTemplate jdbc, CleanupProperties properties) {
		return List.of(new SuccessorCiphertextCleanup(new JdbcRefreshTokenRepository(jdbc)),
				new TokenFamilyCleanup(new JdbcTokenFamilyRepository(jdbc), properties));
	}

}
