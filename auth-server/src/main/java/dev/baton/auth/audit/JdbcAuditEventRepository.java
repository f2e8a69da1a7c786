package dev.baton.auth.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import dev.baton.auth.support.SqlTime;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/** The {@code audit_event} table. */
@Repository
public class JdbcAuditEventRepository implements AuditEventRepository {

	private static final String INSERT = "INSERT INTO audit_event "
			+ "(type, occurred_at, subject, client_id, family_id, ip, user_agent, detail) "
			+ "VALUES (?, ?, ?, ?, ?, ?, ?, ?)";

	private static final String SELECT_BY_FAMILY = "SELECT id, type, occurred_at, subject, client_id, family_id, ip, "
			+ "user_agent, detail FROM audit_event WHERE family_id = ? ORDER BY id";

	private static final String SELECT_PAGE = "SELECT id, type, occurred_at, subject, client_id, family_id, ip, "
			+ "user_agent, detail FROM audit_event";

	private static final String ANONYMIZE_SUBJECT = "UPDATE audit_event SET subject = ?, ip = NULL, "
			+ "user_agent = NULL WHERE subject IN (?, ?)";

	private static final String COUNT = "SELECT COUNT(*) FROM audit_event";

	private static final RowMapper<AuditEvent> ROW_MAPPER = JdbcAuditEventRepository::mapRow;

	private static final int USER_AGENT_LENGTH = 255;

	/**
	 * Through {@code ix_audit_event_occurred_at}; bounded, so one statement holds few
	 * locks.
	 */
	private static final String DELETE_OCCURRED_BEFORE = "DELETE FROM audit_event WHERE occurred_at < ? LIMIT ?";

	private final JdbcTemplate jdbc;

	public JdbcAuditEventRepository(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public void insert(AuditEvent event) {
		this.jdbc.update(INSERT, event.type().name(), SqlTime.of(event.occurredAt()), event.subject(), event.clientId(),
				event.familyId(), event.ip(), truncate(event.userAgent()), event.detail());
	}

	@Override
	public int anonymizeSubject(String subjectId, String username) {
		return this.jdbc.update(ANONYMIZE_SUBJECT, subjectId, subjectId, username);
	}

	@Override
	public List<AuditEvent> findByFamilyId(String familyId) {
		return this.jdbc.query(SELECT_BY_FAMILY, ROW_MAPPER, familyId);
	}

	@Override
	public AuditEventPage find(AuditEventQuery query) {
		List<String> conditions = new ArrayList<>();
		List<Object> arguments = new ArrayList<>();
		if (query.subject() != null) {
			conditions.add("subject = ?");
			arguments.add(query.subject());
		}
		if (query.type() != null) {
			conditions.add("type = ?");
			arguments.add(query.type().name());
		}
		if (query.clientId() != null) {
			conditions.add("client_id = ?");
			arguments.add(query.clientId());
		}
		if (query.from() != null) {
			conditions.add("occurred_at >= ?");
			arguments.add(SqlTime.of(query.from()));
		}
		if (query.to() != null) {
			conditions.add("occurred_at < ?");
			arguments.add(SqlTime.of(query.to()));
		}
		String where = conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
		Long total = this.jdbc.queryForObject(COUNT + where, Long.class, arguments.toArray());
		List<Object> pageArguments = new ArrayList<>(arguments);
		pageArguments.add(query.size());
		pageArguments.add((long) query.page() * query.size());
		List<AuditEvent> events = this.jdbc.query(
				SELECT_PAGE + where + " ORDER BY occurred_at DESC, id DESC LIMIT ? OFFSET ?", ROW_MAPPER,
				pageArguments.toArray());
		return new AuditEventPage(events, query.page(), query.size(), (total != null) ? total : 0);
	}

	private static String truncate(String value) {
		return (value != null && value.length() > USER_AGENT_LENGTH) ? value.substring(0, USER_AGENT_LENGTH) : value;
	}

	private static AuditEvent mapRow(ResultSet rs, int rowNum) throws SQLException {
		return new AuditEvent(rs.getLong("id"), AuditEventType.valueOf(rs.getString("type")),
				SqlTime.instant(rs, "occurred_at"), rs.getString("subject"), rs.getString("client_id"),
				rs.getString("family_id"), rs.getString("ip"), rs.getString("user_agent"), rs.getString("detail"));
	}

	@Override
	public int deleteOccurredBefore(java.time.Instant before, int limit) {
		return this.jdbc.update(DELETE_OCCURRED_BEFORE, SqlTime.of(before), limit);
	}

}
