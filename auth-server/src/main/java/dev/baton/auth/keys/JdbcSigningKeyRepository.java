package dev.baton.auth.keys;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.text.ParseException;
import java.time.Instant;
import java.util.List;

import com.nimbusds.jose.jwk.JWK;
import dev.baton.auth.support.SqlTime;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The {@code signing_key} table. Private keys are encrypted under the key-encryption key
 * before they reach the database and decrypted only when read back.
 */
@Repository
class JdbcSigningKeyRepository implements SigningKeyRepository {

	private static final String INSERT = "INSERT INTO signing_key (kid, algorithm, public_jwk, "
			+ "private_jwk_ciphertext, created_at, activates_at, retires_at, unpublish_at, succeeds) "
			+ "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";

	private static final String SELECT_PUBLISHED = "SELECT kid, algorithm, private_jwk_ciphertext, created_at, "
			+ "activates_at, retires_at, unpublish_at FROM signing_key "
			+ "WHERE unpublish_at IS NULL OR unpublish_at > ? ORDER BY activates_at DESC, created_at DESC";

	private static final String RETIRE_ALL_EXCEPT = "UPDATE signing_key SET retires_at = ?, unpublish_at = ? "
			+ "WHERE kid <> ? AND (retires_at IS NULL OR retires_at > ?)";

	private static final String RETIRE = "UPDATE signing_key SET retires_at = ?, unpublish_at = ? "
			+ "WHERE kid = ? AND retires_at IS NULL";

	private final JdbcTemplate jdbc;

	private final KeyEncryptionKey keyEncryptionKey;

	JdbcSigningKeyRepository(JdbcTemplate jdbc, KeyEncryptionKey keyEncryptionKey) {
		this.jdbc = jdbc;
		this.keyEncryptionKey = keyEncryptionKey;
	}

	@Override
	public boolean insert(SigningKey key, String succeeds) {
		byte[] privateJwk = key.jwk().toJSONString().getBytes(StandardCharsets.UTF_8);
		try {
			return this.jdbc.update(INSERT, key.kid(), key.algorithm().name(), key.jwk().toPublicJWK().toJSONString(),
					this.keyEncryptionKey.encrypt(privateJwk, key.kid()), SqlTime.of(key.createdAt()),
					SqlTime.of(key.activatesAt()), SqlTime.of(key.retiresAt()), SqlTime.of(key.unpublishAt()),
					succeeds) == 1;
		}
		catch (DuplicateKeyException ex) {
			// ux_signing_key_succeeds: another node's key succeeds the same key (or is
			// the first key).
			return false;
		}
	}

	@Override
	public List<SigningKey> findPublished(Instant now) {
		return this.jdbc.query(SELECT_PUBLISHED, this::mapRow, SqlTime.of(now));
	}

	@Override
	public boolean retire(String kid, Instant retiresAt, Instant unpublishAt) {
		return this.jdbc.update(RETIRE, SqlTime.of(retiresAt), SqlTime.of(unpublishAt), kid) == 1;
	}

	@Override
	public int retireAllExcept(String keepKid, Instant retiresAt, Instant unpublishAt) {
		return this.jdbc.update(RETIRE_ALL_EXCEPT, SqlTime.of(retiresAt), SqlTime.of(unpublishAt), keepKid,
				SqlTime.of(retiresAt));
	}

	private SigningKey mapRow(ResultSet rs, int rowNum) throws SQLException {
		String kid = rs.getString("kid");
		byte[] privateJwk = this.keyEncryptionKey.decrypt(rs.getBytes("private_jwk_ciphertext"), kid);
		JWK jwk;
		try {
			jwk = JWK.parse(new String(privateJwk, StandardCharsets.UTF_8));
		}
		catch (ParseException ex) {
			throw new IllegalStateException("Signing key " + kid + " is not a valid JWK", ex);
		}
		return new SigningKey(kid, SigningAlgorithm.valueOf(rs.getString("algorithm")), jwk,
				SqlTime.instant(rs, "created_at"), SqlTime.instant(rs, "activates_at"),
				SqlTime.instant(rs, "retires_at"), SqlTime.instant(rs, "unpublish_at"));
	}

}
