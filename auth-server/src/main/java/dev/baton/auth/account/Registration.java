package dev.baton.auth.account;

/**
 * What someone asks to register with.
 *
 * @param displayName optional; the username when blank
 */
public record Registration(String username, String email, String displayName, String password) {

	@Override
	public String toString() {
		return "Registration[username=" + this.username + "]";
	}

}
