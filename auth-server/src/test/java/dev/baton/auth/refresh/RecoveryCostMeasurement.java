package dev.baton.auth.refresh;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import dev.baton.auth.crypto.TokenHash;
import dev.baton.auth.testsupport.BatonHttpClient;
import dev.baton.auth.testsupport.BatonNodes;
import dev.baton.auth.testsupport.HttpResult;
import dev.baton.auth.testsupport.MutableClock;
import dev.baton.auth.testsupport.TestClient;
import dev.baton.auth.testsupport.TestDatabase;
import dev.baton.auth.testsupport.Tokens;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A measurement, not a test (its name keeps it out of the default test run): the latency
 * of 300 sequential refreshes of one strict client with DESIGN rule 7 on and off, and how
 * long after the response its delivery is confirmed in the database. Prints lines
 * starting with {@code MEASURE}; figures in docs/DESIGN.md. Run with
 * {@code ./mvnw -o -pl auth-server test -Dtest=RecoveryCostMeasurement -Dsurefire.failIfNoSpecifiedTests=false}
 * (add {@code -Dbaton.test.database=mariadb} for MariaDB).
 */
class RecoveryCostMeasurement {

	@Test
	void measureRefreshLatencyAndConfirmationDelay() throws Exception {
		TestDatabase db = TestDatabase.create();
		TestDatabase db2 = TestDatabase.create();
		MutableClock clock = new MutableClock();
		try (BatonNodes on = BatonNodes.start(db, clock, 1, List.of());
				BatonNodes off = BatonNodes.start(db2, clock, 1, List.of(), "--baton.refresh.recovery-window=PT0S",
						"--baton.refresh.recovery-delay=PT0S")) {
			JdbcTemplate jdbc = on.bean(0, JdbcTemplate.class);
			for (int round = 0; round < 3; round++) {
				report("recovery on ", on.client(0), jdbc, true);
				report("recovery off", off.client(0), off.bean(0, JdbcTemplate.class), false);
			}
		}
		finally {
			db.drop();
			db2.drop();
		}
	}

	private static void report(String label, BatonHttpClient http, JdbcTemplate jdbc, boolean confirm) {
		Tokens tokens = http.signIn(TestClient.WEB);
		String token = tokens.refreshToken();
		List<Long> latencies = new ArrayList<>();
		List<Long> confirmations = new ArrayList<>();
		for (int i = 0; i < 300; i++) {
			long start = System.nanoTime();
			HttpResult result = http.refresh(TestClient.WEB, token);
			long responded = System.nanoTime();
			latencies.add(responded - start);
			if (confirm && i % 10 == 0) {
				while (jdbc.queryForObject(
						"SELECT COUNT(*) FROM refresh_token WHERE token_hash = ? "
								+ "AND successor_ciphertext IS NOT NULL",
						Integer.class, (Object) TokenHash.of(token).bytes()) > 0) {
					Thread.onSpinWait();
				}
				confirmations.add(System.nanoTime() - responded);
			}
			token = result.string("refresh_token");
		}
		Collections.sort(latencies);
		Collections.sort(confirmations);
		System.out.printf(
				"MEASURE %s: refresh p50 %.2f ms p90 %.2f ms mean %.2f ms; "
						+ "confirmation after response p50 %s ms max %s ms%n",
				label, latencies.get(150) / 1e6, latencies.get(270) / 1e6,
				latencies.stream().mapToLong(Long::longValue).average().orElse(0) / 1e6,
				confirmations.isEmpty() ? "-"
						: String.format("%.1f", confirmations.get(confirmations.size() / 2) / 1e6),
				confirmations.isEmpty() ? "-"
						: String.format("%.1f", confirmations.get(confirmations.size() - 1) / 1e6));
	}

}
