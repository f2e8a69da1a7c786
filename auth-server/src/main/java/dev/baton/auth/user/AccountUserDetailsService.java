package dev.baton.auth.user;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;

/**
 * Signs people in against {@code user_account}. Everyone has {@code ROLE_USER}; each role
 * of {@code user_role} adds {@code ROLE_<NAME>} (role {@code admin}: {@code ROLE_ADMIN}).
 * A disabled account is refused with a message of its own on the sign-in page.
 */
@Service
public class AccountUserDetailsService implements UserDetailsService {

	private final UserAccountRepository accounts;

	public AccountUserDetailsService(UserAccountRepository accounts) {
		this.accounts = accounts;
	}

	@Override
	public UserDetails loadUserByUsername(String username) {
		UserAccount account = this.accounts.findByUsername(username)
			.orElseThrow(() -> new UsernameNotFoundException("No such user"));
		List<GrantedAuthority> authorities = new ArrayList<>();
		authorities.add(new SimpleGrantedAuthority("ROLE_USER"));
		for (String role : this.accounts.findRoles(account.id())) {
			authorities.add(new SimpleGrantedAuthority("ROLE_" + role.toUpperCase(Locale.ROOT)));
		}
		return User.withUsername(account.username())
			.password(account.passwordHash())
			.disabled(!account.enabled())
			.authorities(authorities)
			.build();
	}

}
