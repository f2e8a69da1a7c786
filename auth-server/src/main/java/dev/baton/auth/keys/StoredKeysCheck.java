package dev.baton.auth.keys;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLSyntaxErrorException;

import dev.baton.auth.support.InvalidSettingException;

import org.springframework.stereotype.Component;

/**
 * Whether the configured key-encryption key opens the signing keys already stored,
 * checked at start-up before the migrations run (so with plain JDBC on the raw data
 * source, and only the columns of the first schema): a wrong key stops the start with a
 * clear message instead of failing at the first token request, and nothing is written.
 */
@Component
public final class StoredKeysCheck {

	private static final String SELECT_NEWEST = "SELECT kid, private_jwk_ciphertext FROM signing_key "
			+ "ORDER BY created_at DESC";

	private final KeyEncryptionKey keyEncryptionKey;

	StoredKeysCheck(KeyEncryptionKey keyEncryptionKey) {
		this.keyEncryptionKey = keyEncryptionKey;
	}

	/**
	 * Decrypts the newest stored key; a database without the table yet (first start)
	 * passes.
	 */
	public void check(Connection connection) throws SQLException {
		if (!hasSigningKeyTable(connection)) {
			return;
		}
		try (PreparedStatement statement = connection.prepareStatement(SELECT_NEWEST)) {
			statement.setMaxRows(1);
			try (ResultSet rs = statement.executeQuery()) {
				if (!rs.next()) {
					return;
				}
				String kid = rs.getString("kid");
				try {
					this.keyEncryptionKey.decrypt(rs.getBytes("private_jwk_ciphertext"), kid);
				}
				catch (IllegalStateException ex) {
					throw new InvalidSettingException("BATON_KEY_ENCRYPTION_KEY",
							"does not open the signing keys stored in the database (key " + kid + ")",
							"Set BATON_KEY_ENCRYPTION_KEY to the key-encryption key this database was first started "
									+ "with (every node and restart must use the same one); without it the stored "
									+ "keys are lost, see docs/PRODUCTION.md");
				}
			}
		}
		catch (SQLSyntaxErrorException ex) {
			// The table exists but not as the first schema made it: leave the verdict to
			// the key set itself.
		}
	}

	private static boolean hasSigningKeyTable(Connection connection) throws SQLException {
		String catalog = connection.getCatalog();
		for (String name : new String[] { "signing_key", "SIGNING_KEY" }) {
			try (ResultSet tables = connection.getMetaData().getTables(catalog, null, name, new String[] { "TABLE" })) {
				if (tables.next()) {
					return true;
				}
			}
		}
		return false;
	}

}
