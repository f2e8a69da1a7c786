package dev.baton.auth.client;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import dev.baton.auth.crypto.TokenHash;
import dev.baton.auth.support.SpaceDelimited;
import dev.baton.auth.support.SqlTime;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.stereotype.Repository;

/** The {@code client} table. */
@Repository
public class JdbcClientRepository implements ClientRepository {

	private static final String MUTABLE_COLUMNS = "client_name, client_secret_hash, "
			+ "client_authentication_methods, authorization_grant_types, redirect_uris, post_logout_redirect_uris, "
			+ "scopes, audiences, require_proof_key, first_party, access_token_ttl_seconds, "
			+ "refresh_idle_ttl_seconds, refresh_absolute_ttl_seconds, refresh_grace_window_seconds, "
			+ "id_token_ttl_seconds, backchannel_logout_uri, backchannel_logout_session_required, "
			+ "resource_server_audiences, previous_secret_hash, previous_secret_expires_at, "
			+ "registration_access_token_hash, allowed_cors_origins, require_verified_email, require_mfa";

	private static final String COLUMNS = "id, client_id, created_at, updated_at, version, " + MUTABLE_COLUMNS;

	private static final String INSERT = "INSERT INTO client (" + COLUMNS + ") "
			+ "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

	private static final String UPDATE = "UPDATE client SET client_name = ?, client_secret_hash = ?, "
			+ "client_authentication_methods = ?, authorization_grant_types = ?, redirect_uris = ?, "
			+ "post_logout_redirect_uris = ?, scopes = ?, audiences = ?, require_proof_key = ?, first_party = ?, "
			+ "access_token_ttl_seconds = ?, refresh_idle_ttl_seconds = ?, refresh_absolute_ttl_seconds = ?, "
			+ "refresh_grace_window_seconds = ?, id_token_ttl_seconds = ?, backchannel_logout_uri = ?, "
			+ "backchannel_logout_session_required = ?, resource_server_audiences = ?, previous_secret_hash = ?, "
			+ "previous_secret_expires_at = ?, registration_access_token_hash = ?, allowed_cors_origins = ?, "
			+ "require_verified_email = ?, require_mfa = ?, updated_at = ?, "
			+ "version = version + 1 WHERE client_id = ? AND version = ?";

	private static final String SELECT_BY_CLIENT_ID = "SELECT " + COLUMNS + " FROM client WHERE client_id = ?";

	private static final String SELECT_BY_ID = "SELECT " + COLUMNS + " FROM client WHERE id = ?";

	private static final String SELECT_ALL = "SELECT " + COLUMNS + " FROM client ORDER BY client_id";

	private static final String SELECT_PAGE = SELECT_ALL + " LIMIT ? OFFSET ?";

	private static final String COUNT = "SELECT COUNT(*) FROM client";

	private static final String COUNT_WITH_SCOPE = "SELECT COUNT(*) FROM client "
			+ "WHERE CONCAT(' ', scopes, ' ') LIKE ?";

	private static final String SELECT_CORS_ORIGINS = "SELECT allowed_cors_origins FROM client WHERE client_id = ?";

	private static final String SELECT_ANY_WITH_CORS_ORIGIN = "SELECT 1 FROM client "
			+ "WHERE CONCAT(' ', allowed_cors_origins, ' ') LIKE ? LIMIT 1";

	private static final String DELETE = "DELETE FROM client WHERE client_id = ?";

	private static final RowMapper<Client> ROW_MAPPER = JdbcClientRepository::mapRow;

	private final JdbcTemplate jdbc;

	public JdbcClientRepository(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public void insert(Client client) {
		Object[] mutable = mutableValues(client);
		Object[] values = new Object[5 + mutable.length];
		values[0] = client.id();
		values[1] = client.clientId();
		values[2] = SqlTime.of(client.createdAt());
		values[3] = SqlTime.of(client.updatedAt());
		values[4] = client.version();
		System.arraycopy(mutable, 0, values, 5, mutable.length);
		this.jdbc.update(INSERT, values);
	}

	@Override
	public boolean update(Client client, Instant now) {
		Object[] mutable = mutableValues(client);
		Object[] values = new Object[mutable.length + 3];
		System.arraycopy(mutable, 0, values, 0, mutable.length);
		values[mutable.length] = SqlTime.of(now);
		values[mutable.length + 1] = client.clientId();
		values[mutable.length + 2] = client.version();
		return this.jdbc.update(UPDATE, values) == 1;
	}

	@Override
	public Optional<Client> findByClientId(String clientId) {
		return this.jdbc.query(SELECT_BY_CLIENT_ID, ROW_MAPPER, clientId).stream().findFirst();
	}

	@Override
	public Optional<Client> findById(String id) {
		return this.jdbc.query(SELECT_BY_ID, ROW_MAPPER, id).stream().findFirst();
	}

	@Override
	public List<Client> findAll() {
		return this.jdbc.query(SELECT_ALL, ROW_MAPPER);
	}

	@Override
	public List<Client> findPage(int page, int size) {
		return this.jdbc.query(SELECT_PAGE, ROW_MAPPER, size, (long) page * size);
	}

	@Override
	public long count() {
		return this.jdbc.queryForObject(COUNT, Long.class);
	}

	@Override
	public long countWithScope(String scope) {
		return this.jdbc.queryForObject(COUNT_WITH_SCOPE, Long.class, "% " + escapeLike(scope) + " %");
	}

	@Override
	public Set<String> findAllowedCorsOrigins(String clientId) {
		return this.jdbc.queryForList(SELECT_CORS_ORIGINS, String.class, clientId)
			.stream()
			.findFirst()
			.map(SpaceDelimited::parse)
			.orElse(Set.of());
	}

	@Override
	public boolean existsWithAllowedCorsOrigin(String origin) {
		return !this.jdbc.queryForList(SELECT_ANY_WITH_CORS_ORIGIN, Integer.class, "% " + escapeLike(origin) + " %")
			.isEmpty();
	}

	/**
	 * A value matched literally by {@code LIKE} (backslash is the default escape of MySQL
	 * and H2).
	 */
	private static String escapeLike(String value) {
		return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
	}

	@Override
	public boolean delete(String clientId) {
		return this.jdbc.update(DELETE, clientId) == 1;
	}

	/** The values of {@link #MUTABLE_COLUMNS}, in that order. */
	private static Object[] mutableValues(Client client) {
		return new Object[] { client.clientName(), client.clientSecretHash(), SpaceDelimited
			.join(client.authenticationMethods().stream().map(ClientAuthenticationMethod::getValue).sorted().toList()),
				SpaceDelimited
					.join(client.grantTypes().stream().map(AuthorizationGrantType::getValue).sorted().toList()),
				SpaceDelimited.join(client.redirectUris()), SpaceDelimited.join(client.postLogoutRedirectUris()),
				SpaceDelimited.join(client.scopes()), SpaceDelimited.join(client.audiences()), client.requireProofKey(),
				client.firstParty(), seconds(client.accessTokenTtl()), seconds(client.refreshIdleTtl()),
				seconds(client.refreshAbsoluteTtl()), seconds(client.refreshGraceWindow()),
				seconds(client.idTokenTtl()), client.backchannelLogoutUri(), client.backchannelLogoutSessionRequired(),
				SpaceDelimited.join(client.resourceServerAudiences()), client.previousSecretHash(),
				SqlTime.of(client.previousSecretExpiresAt()),
				(client.registrationAccessTokenHash() != null) ? client.registrationAccessTokenHash().bytes() : null,
				SpaceDelimited.join(client.allowedCorsOrigins()), client.requireVerifiedEmail(), client.requireMfa() };
	}

	private static Integer seconds(Duration duration) {
		return (duration != null) ? Math.toIntExact(duration.toSeconds()) : null;
	}

	private static Duration duration(ResultSet rs, String column) throws SQLException {
		int seconds = rs.getInt(column);
		return rs.wasNull() ? null : Duration.ofSeconds(seconds);
	}

	private static Client mapRow(ResultSet rs, int rowNum) throws SQLException {
		Set<ClientAuthenticationMethod> methods = SpaceDelimited.parse(rs.getString("client_authentication_methods"))
			.stream()
			.map(ClientAuthenticationMethod::new)
			.collect(Collectors.toSet());
		Set<AuthorizationGrantType> grantTypes = SpaceDelimited.parse(rs.getString("authorization_grant_types"))
			.stream()
			.map(AuthorizationGrantType::new)
			.collect(Collectors.toSet());
		byte[] registrationTokenHash = rs.getBytes("registration_access_token_hash");
		return new Client(rs.getString("id"), rs.getString("client_id"), rs.getString("client_name"),
				rs.getString("client_secret_hash"), methods, grantTypes,
				SpaceDelimited.parse(rs.getString("redirect_uris")),
				SpaceDelimited.parse(rs.getString("post_logout_redirect_uris")),
				SpaceDelimited.parse(rs.getString("allowed_cors_origins")),
				SpaceDelimited.parse(rs.getString("scopes")), SpaceDelimited.parse(rs.getString("audiences")),
				rs.getBoolean("require_proof_key"), rs.getBoolean("first_party"),
				duration(rs, "access_token_ttl_seconds"), duration(rs, "refresh_idle_ttl_seconds"),
				duration(rs, "refresh_absolute_ttl_seconds"), duration(rs, "refresh_grace_window_seconds"),
				SqlTime.instant(rs, "created_at"), duration(rs, "id_token_ttl_seconds"),
				rs.getString("backchannel_logout_uri"), rs.getBoolean("backchannel_logout_session_required"),
				SpaceDelimited.parse(rs.getString("resource_server_audiences")), rs.getString("previous_secret_hash"),
				SqlTime.instant(rs, "previous_secret_expires_at"),
				(registrationTokenHash != null) ? TokenHash.fromBytes(registrationTokenHash) : null,
				SqlTime.instant(rs, "updated_at"), rs.getLong("version"), rs.getBoolean("require_verified_email"),
				rs.getBoolean("require_mfa"));
	}

}
