package dev.baton.auth.user;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Baton's user accounts and their roles. */
public interface UserAccountRepository {

	void insert(UserAccount account);

	Optional<UserAccount> findByUsername(String username);

	/** By the stable subject identifier ({@code sub}). */
	Optional<UserAccount> findById(String id);

	/** The account with this address (compared lower-cased), verified or not. */
	Optional<UserAccount> findByEmail(String email);

	/**
	 * Replaces the address and its verified flag; false when there is no such account.
	 */
	boolean updateEmail(String id, String email, boolean verified);

	/**
	 * Marks the address verified if it is still the account's address; false otherwise.
	 */
	boolean markEmailVerified(String id, String email);

	boolean updateDisplayName(String id, String displayName);

	/**
	 * Replaces the password hash of the account with this id; false when there is none.
	 */
	boolean updatePasswordHashById(String id, String passwordHash);

	/** Whether any account uses the address (compared lower-cased). */
	boolean existsByEmail(String email);

	/** Replaces the password hash; false when there is no such account. */
	boolean updatePasswordHash(String username, String passwordHash);

	/**
	 * Accounts whose username or e-mail address starts with {@code query} (all when
	 * blank), ordered by username.
	 */
	List<UserAccount> search(String query, int offset, int limit);

	/** How many accounts {@link #search} finds in all. */
	long count(String query);

	/**
	 * Sets {@code enabled} unless it has that value already.
	 * @return whether this call changed it
	 */
	boolean updateEnabled(String id, boolean enabled);

	/** Deletes the account and its roles; false when there was none. */
	boolean delete(String id);

	Set<String> findRoles(String id);

	void replaceRoles(String id, Set<String> roles);

}
