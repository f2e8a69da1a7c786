package dev.baton.auth.session;

import java.util.Map;

import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.stereotype.Service;

/**
 * The browser sign-in sessions of a user (Spring Session JDBC, indexed by principal
 * name), so a password change or "sign out everywhere" can end them on every node at
 * once.
 */
@Service
public class SignInSessions {

	private final FindByIndexNameSessionRepository<? extends Session> sessions;

	public SignInSessions(FindByIndexNameSessionRepository<? extends Session> sessions) {
		this.sessions = sessions;
	}

	/**
	 * Deletes every sign-in session of the user except {@code keepSessionId} (may be
	 * {@code null}).
	 * @return how many sessions ended
	 */
	public int endAllExcept(String username, String keepSessionId) {
		Map<String, ? extends Session> found = this.sessions.findByPrincipalName(username);
		int ended = 0;
		for (String id : found.keySet()) {
			if (!id.equals(keepSessionId)) {
				this.sessions.deleteById(id);
				ended++;
			}
		}
		return ended;
	}

}
