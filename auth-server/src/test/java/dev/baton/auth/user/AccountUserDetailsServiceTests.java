package dev.baton.auth.user;

import java.time.Instant;
import java.util.Set;

import dev.baton.auth.testsupport.InMemoryDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

import static org.assertj.core.api.Assertions.assertThat;

class AccountUserDetailsServiceTests {

	private final InMemoryDatabase db = InMemoryDatabase.migrated();

	private final JdbcUserAccountRepository accounts = new JdbcUserAccountRepository(this.db.jdbc());

	private final AccountUserDetailsService service = new AccountUserDetailsService(this.accounts);

	@AfterEach
	void shutdown() {
		this.db.shutdown();
	}

	@Test
	void loadUserByUsernameWhenRoleAdminThenRoleAdminAuthorityBesideRoleUser() {
		UserAccount account = account("carol", true);
		this.accounts.replaceRoles(account.id(), Set.of("admin"));

		UserDetails user = this.service.loadUserByUsername("carol");

		assertThat(user.getAuthorities()).extracting(GrantedAuthority::getAuthority)
			.containsExactlyInAnyOrder("ROLE_USER", "ROLE_ADMIN");
		assertThat(user.getUsername()).isEqualTo("carol");
	}

	@Test
	void loadUserByUsernameWhenNoRoleOrDisabledThenOnlyRoleUserAndDisabledFlag() {
		account("dave", false);

		UserDetails user = this.service.loadUserByUsername("dave");

		assertThat(user.getAuthorities()).extracting(GrantedAuthority::getAuthority).containsExactly("ROLE_USER");
		assertThat(user.isEnabled()).isFalse();
	}

	@Test
	void searchWhenWildcardsInQueryThenMatchedLiterally() {
		account("erin_a", true);
		account("erinxa", true);

		assertThat(this.accounts.search("erin_", 0, 10)).extracting(UserAccount::username).containsExactly("erin_a");
		assertThat(this.accounts.count("erin")).isEqualTo(2);
		assertThat(this.accounts.search("%", 0, 10)).isEmpty();
	}

	private UserAccount account(String username, boolean enabled) {
		UserAccount account = new UserAccount(java.util.UUID.randomUUID().toString(), username,
				username + "@example.com", username, "{noop}x", enabled, Instant.parse("2026-01-01T00:00:00Z"));
		this.accounts.insert(account);
		return account;
	}

}
