package dev.baton.auth.session;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.session.config.SessionRepositoryCustomizer;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.session.security.SpringSessionBackedSessionRegistry;

/**
 * Sign-in sessions live in the database (Spring Session JDBC), so any node can serve any
 * step of the authorization-code flow. The tables follow Baton's naming
 * ({@code http_session}, {@code http_session_attribute}, lower case for MySQL's
 * case-sensitive table names), hence the queries below.
 */
@Configuration(proxyBeanMethods = false)
class HttpSessionConfiguration {

	private static final String SESSION_COLUMNS = "S.PRIMARY_ID, S.SESSION_ID, S.CREATION_TIME, S.LAST_ACCESS_TIME, "
			+ "S.MAX_INACTIVE_INTERVAL, SA.ATTRIBUTE_NAME, SA.ATTRIBUTE_BYTES FROM http_session S "
			+ "LEFT JOIN http_session_attribute SA ON S.PRIMARY_ID = SA.SESSION_PRIMARY_ID ";

	@Bean
	SessionRepositoryCustomizer<JdbcIndexedSessionRepository> httpSessionTables() {
		return (repository) -> {
			repository.setCreateSessionQuery("INSERT INTO http_session (PRIMARY_ID, SESSION_ID, CREATION_TIME, "
					+ "LAST_ACCESS_TIME, MAX_INACTIVE_INTERVAL, EXPIRY_TIME, PRINCIPAL_NAME) VALUES (?, ?, ?, ?, ?, ?, ?)");
			repository.setCreateSessionAttributeQuery("INSERT INTO http_session_attribute (SESSION_PRIMARY_ID, "
					+ "ATTRIBUTE_NAME, ATTRIBUTE_BYTES) VALUES (?, ?, ?)");
			repository.setGetSessionQuery("SELECT " + SESSION_COLUMNS + "WHERE S.SESSION_ID = ?");
			repository.setUpdateSessionQuery("UPDATE http_session SET SESSION_ID = ?, LAST_ACCESS_TIME = ?, "
					+ "MAX_INACTIVE_INTERVAL = ?, EXPIRY_TIME = ?, PRINCIPAL_NAME = ? WHERE PRIMARY_ID = ?");
			repository.setUpdateSessionAttributeQuery("UPDATE http_session_attribute SET ATTRIBUTE_BYTES = ? "
					+ "WHERE SESSION_PRIMARY_ID = ? AND ATTRIBUTE_NAME = ?");
			repository.setDeleteSessionAttributeQuery(
					"DELETE FROM http_session_attribute WHERE SESSION_PRIMARY_ID = ? AND ATTRIBUTE_NAME = ?");
			repository
				.setDeleteSessionQuery("DELETE FROM http_session WHERE SESSION_ID = ? AND MAX_INACTIVE_INTERVAL >= 0");
			repository.setListSessionsByPrincipalNameQuery("SELECT " + SESSION_COLUMNS + "WHERE S.PRINCIPAL_NAME = ?");
			repository.setDeleteSessionsByExpiryTimeQuery("DELETE FROM http_session WHERE EXPIRY_TIME < ?");
		};
	}

	/**
	 * The session registry the framework's OpenID Connect support looks up: the shared
	 * sessions, so it never falls back to an in-memory registry of its own on each node.
	 * (Baton's {@code sid} is the token family id, not the registry's session.)
	 */
	@Bean
	<S extends Session> SessionRegistry sessionRegistry(FindByIndexNameSessionRepository<S> sessions) {
		return new SpringSessionBackedSessionRegistry<>(sessions);
	}

}
