package dev.baton.auth.session;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.baton.auth.client.Client;
import dev.baton.auth.client.ClientRepository;
import dev.baton.auth.crypto.TokenHash;
import dev.baton.auth.refresh.FamilyActivity;
import dev.baton.auth.refresh.FamilyActivityRepository;
import dev.baton.auth.refresh.RevocationReason;
import dev.baton.auth.refresh.TokenFamily;
import dev.baton.auth.refresh.TokenFamilyRepository;
import dev.baton.auth.refresh.TokenFamilyService;
import dev.baton.auth.support.RequestOrigin;
import dev.baton.auth.user.UserAccount;

import org.springframework.stereotype.Service;

/**
 * The user's sessions ("your devices"): every live token family, and signing them out.
 * Families are found by the account id (their subject), browser sign-ins by the username
 * (their principal name). Signing out revokes the family (DESIGN rule 6): its refresh
 * tokens fail at once, introspection and userinfo reject its access tokens, and resource
 * servers that validate statelessly accept them at most until they expire.
 */
@Service
public class AccountSessionService {

	private final FamilyActivityRepository activity;

	private final FamilyBrowserRepository browsers;

	private final TokenFamilyRepository familyRepository;

	private final TokenFamilyService families;

	private final ClientRepository clients;

	private final SignInSessions signIns;

	private final Clock clock;

	AccountSessionService(FamilyActivityRepository activity, FamilyBrowserRepository browsers,
			TokenFamilyRepository familyRepository, TokenFamilyService families, ClientRepository clients,
			SignInSessions signIns, Clock clock) {
		this.activity = activity;
		this.browsers = browsers;
		this.familyRepository = familyRepository;
		this.families = families;
		this.clients = clients;
		this.signIns = signIns;
		this.clock = clock;
	}

	/**
	 * @param browser the hash of the asking browser's cookie, if any
	 * @param currentFamilyId the family of the asking access token, if any
	 */
	public List<AccountSession> list(UserAccount user, Optional<TokenHash> browser, String currentFamilyId) {
		List<FamilyActivity> live = this.activity.findLiveOfSubject(user.id(), this.clock.instant());
		Set<String> startedHere = browser
			.map((hash) -> this.browsers.findStartedIn(hash, live.stream().map(FamilyActivity::familyId).toList()))
			.orElse(Set.of());
		Map<String, String> signInAgents = this.browsers
			.findUserAgents(live.stream().map(FamilyActivity::familyId).toList());
		Map<String, String> clientNames = new HashMap<>();
		return live.stream()
			.map((family) -> new AccountSession(family.familyId(), family.clientId(),
					clientNames.computeIfAbsent(family.clientId(), this::clientName),
					// the person's device: the browser they signed in with (issue 13 item
					// 14), not the HTTP
					// client that redeemed the code or refreshes; that one only when no
					// browser was recorded
					DeviceNames.describe(signInAgents.getOrDefault(family.familyId(), family.lastUserAgent())),
					signInAgents.containsKey(family.familyId())
							? DeviceNames.describe(signInAgents.get(family.familyId())) : null,
					family.lastIp(), family.createdAt(), family.lastUsedAt(), startedHere.contains(family.familyId()),
					family.familyId().equals(currentFamilyId)))
			.toList();
	}

	/**
	 * Signs out one session of the user.
	 * @return false when the user has no live session with that id (someone else's looks
	 * the same as none)
	 */
	public boolean signOut(UserAccount user, String familyId, RequestOrigin origin) {
		Optional<TokenFamily> family = this.familyRepository.findById(familyId)
			.filter((found) -> found.subject().equals(user.id()));
		return family.isPresent() && this.families.revoke(family.get(), RevocationReason.SIGNED_OUT, origin);
	}

	/**
	 * Signs out every session of the user: all token families, and every browser sign-in
	 * except the asking one (which stays so the page can show the result; {@code null}
	 * ends them all).
	 * @return how many token families ended
	 */
	public int signOutEverywhere(UserAccount user, String keepSignInId, RequestOrigin origin) {
		int ended = this.families.revokeAllOf(user.id(), null, RevocationReason.SIGNED_OUT_EVERYWHERE, origin);
		this.signIns.endAllExcept(user.username(), keepSignInId);
		return ended;
	}

	/**
	 * Signs out the live sessions of the user that started in one browser: what
	 * RP-initiated logout of that browser ends (reason {@code LOGGED_OUT}). Sessions of
	 * other devices stay.
	 * @return how many token families ended
	 */
	public int signOutStartedIn(String subject, TokenHash browser, RequestOrigin origin) {
		List<String> live = this.activity.findLiveOfSubject(subject, this.clock.instant())
			.stream()
			.map(FamilyActivity::familyId)
			.toList();
		int ended = 0;
		for (String familyId : this.browsers.findStartedIn(browser, live)) {
			Optional<TokenFamily> family = this.familyRepository.findById(familyId);
			if (family.isPresent() && this.families.revoke(family.get(), RevocationReason.LOGGED_OUT, origin)) {
				ended++;
			}
		}
		return ended;
	}

	/** Whether the sign-in (token family or authorization) started in the browser. */
	public boolean startedIn(TokenHash browser, String familyId) {
		return this.browsers.findStartedIn(browser, List.of(familyId)).contains(familyId);
	}

	private String clientName(String clientId) {
		return this.clients.findByClientId(clientId).map(Client::clientName).orElse(clientId);
	}

}
