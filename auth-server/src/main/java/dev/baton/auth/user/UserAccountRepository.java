package dev.baton.auth.user;

import java.util.Optional;

/** Baton's user accounts. */
public interface UserAccountRepository {

	void insert(UserAccount account);

	Optional<UserAccount> findByUsername(String username);

}
