package dev.baton.auth.session;

import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.baton.auth.crypto.TokenHash;
import dev.baton.auth.support.SqlTime;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The {@code family_browser} table. */
@Repository
class JdbcFamilyBrowserRepository implements FamilyBrowserRepository {

	private static final String INSERT = "INSERT INTO family_browser (family_id, browser_hash, user_agent, "
			+ "created_at) VALUES (?, ?, ?, ?)";

	private static final String SELECT_USER_AGENTS = "SELECT family_id, user_agent FROM family_browser "
			+ "WHERE user_agent IS NOT NULL AND family_id IN ";

	private static final String SELECT_BY_BROWSER = "SELECT family_id FROM family_browser WHERE browser_hash = ?";

	/**
	 * Oldest first through {@code ix_family_browser_created_at}; the family is looked up
	 * by its primary key.
	 */
	private static final String SELECT_ORPHANED_IDS = "SELECT b.family_id FROM family_browser b "
			+ "WHERE b.created_at < ? AND NOT EXISTS (SELECT 1 FROM token_family f WHERE f.id = b.family_id) "
			+ "ORDER BY b.created_at LIMIT ?";

	private static final String DELETE_BY_ID = "DELETE FROM family_browser WHERE family_id = ?";

	private final JdbcTemplate jdbc;

	JdbcFamilyBrowserRepository(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public void insertIfAbsent(String familyId, TokenHash browserHash, String userAgent, Instant now) {
		try {
			this.jdbc.update(INSERT, familyId, browserHash.bytes(), userAgent, SqlTime.of(now));
		}
		catch (DuplicateKeyException ex) {
			// Recorded already (the consent step saves the same authorization again).
		}
	}

	@Override
	public Set<String> findStartedIn(TokenHash browserHash, Collection<String> familyIds) {
		Set<String> started = new HashSet<>(
				this.jdbc.queryForList(SELECT_BY_BROWSER, String.class, (Object) browserHash.bytes()));
		started.retainAll(familyIds);
		return started;
	}

	@Override
	public Map<String, String> findUserAgents(Collection<String> familyIds) {
		Map<String, String> agents = new HashMap<>();
		if (familyIds.isEmpty()) {
			return agents;
		}
		String placeholders = "(" + String.join(", ", Collections.nCopies(familyIds.size(), "?")) + ")";
		this.jdbc.query(SELECT_USER_AGENTS + placeholders, (rs) -> {
			agents.put(rs.getString("family_id"), rs.getString("user_agent"));
		}, familyIds.toArray());
		return agents;
	}

	@Override
	public int deleteOrphaned(Instant createdBefore, int limit) {
		List<String> ids = this.jdbc.queryForList(SELECT_ORPHANED_IDS, String.class, SqlTime.of(createdBefore), limit);
		int deleted = 0;
		for (String id : ids) {
			deleted += this.jdbc.update(DELETE_BY_ID, id);
		}
		return deleted;
	}

}
