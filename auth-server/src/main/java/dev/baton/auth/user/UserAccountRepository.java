package dev.baton.auth.user;

import java.util.Optional;

/** Baton's user accounts. */
public interface UserAccountRepository {

	void insert(UserAccount account);

	Optional<UserAccount> findByUsername(String username);

	/** Whether any account uses the address (compared lower-cased). */
	boolean existsByEmail(String email);

	/** Replaces the password hash; false when there is no such account. */
	boolean updatePasswordHash(String username, String passwordHash);

}
