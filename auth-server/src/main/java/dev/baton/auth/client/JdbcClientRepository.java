package dev.baton.auth.client;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

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

	private static final String COLUMNS = "id, client_id, client_name, client_secret_hash, "
			+ "client_authentication_methods, authorization_grant_types, redirect_uris, post_logout_redirect_uris, "
			+ "scopes, audiences, require_proof_key, first_party, access_token_ttl_seconds, "
			+ "refresh_idle_ttl_seconds, refresh_absolute_ttl_seconds, refresh_grace_window_seconds, created_at";

	private static final String INSERT = "INSERT INTO client (" + COLUMNS + ") "
			+ "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

	private static final String SELECT_BY_CLIENT_ID = "SELECT " + COLUMNS + " FROM client WHERE client_id = ?";

	private static final String SELECT_BY_ID = "SELECT " + COLUMNS + " FROM client WHERE id = ?";

	private static final String SELECT_ALL = "SELECT " + COLUMNS + " FROM client ORDER BY client_id";

	private static final RowMapper<Client> ROW_MAPPER = JdbcClientRepository::mapRow;

	private final JdbcTemplate jdbc;

	public JdbcClientRepository(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public void insert(Client client) {
		this.jdbc.update(INSERT, client.id(), client.clientId(), client.clientName(), client.clientSecretHash(),
				SpaceDelimited.join(client.authenticationMethods().stream().map(ClientAuthenticationMethod::getValue)
					.sorted().toList()),
				SpaceDelimited.join(client.grantTypes().stream().map(AuthorizationGrantType::getValue).sorted()
					.toList()),
				SpaceDelimited.join(client.redirectUris()), SpaceDelimited.join(client.postLogoutRedirectUris()),
				SpaceDelimited.join(client.scopes()), SpaceDelimited.join(client.audiences()),
				client.requireProofKey(), client.firstParty(), seconds(client.accessTokenTtl()),
				seconds(client.refreshIdleTtl()), seconds(client.refreshAbsoluteTtl()),
				seconds(client.refreshGraceWindow()), SqlTime.of(client.createdAt()));
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
		return new Client(rs.getString("id"), rs.getString("client_id"), rs.getString("client_name"),
				rs.getString("client_secret_hash"), methods, grantTypes,
				SpaceDelimited.parse(rs.getString("redirect_uris")),
				SpaceDelimited.parse(rs.getString("post_logout_redirect_uris")),
				SpaceDelimited.parse(rs.getString("scopes")), SpaceDelimited.parse(rs.getString("audiences")),
				rs.getBoolean("require_proof_key"), rs.getBoolean("first_party"),
				duration(rs, "access_token_ttl_seconds"), duration(rs, "refresh_idle_ttl_seconds"),
				duration(rs, "refresh_absolute_ttl_seconds"), duration(rs, "refresh_grace_window_seconds"),
				SqlTime.instant(rs, "created_at"));
	}

}
