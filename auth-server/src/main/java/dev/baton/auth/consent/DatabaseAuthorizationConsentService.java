package dev.baton.auth.consent;

import java.time.Clock;
import java.util.Set;

import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsent;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Consent decisions for clients that are not first-party, kept in the database so every
 * node knows them. Only scope authorities ({@code SCOPE_…}) are granted through consent,
 * so only scopes are stored.
 */
@Service
public class DatabaseAuthorizationConsentService implements OAuth2AuthorizationConsentService {

	private final JdbcAuthorizationConsentRepository consents;

	private final Clock clock;

	DatabaseAuthorizationConsentService(JdbcAuthorizationConsentRepository consents, Clock clock) {
		this.consents = consents;
		this.clock = clock;
	}

	@Override
	@Transactional
	public void save(OAuth2AuthorizationConsent consent) {
		Set<String> scopes = consent.getScopes();
		if (scopes.isEmpty()) {
			this.consents.delete(consent.getRegisteredClientId(), consent.getPrincipalName());
			return;
		}
		this.consents.save(consent.getRegisteredClientId(), consent.getPrincipalName(), scopes, this.clock.instant());
	}

	@Override
	@Transactional
	public void remove(OAuth2AuthorizationConsent consent) {
		this.consents.delete(consent.getRegisteredClientId(), consent.getPrincipalName());
	}

	/**
	 * Forgets every consent of a user (named by username, the principal name), for a
	 * deleted account.
	 */
	@Transactional
	public int removeAllOf(String principalName) {
		return this.consents.deleteAllOf(principalName);
	}

	@Override
	@Transactional(readOnly = true)
	public OAuth2AuthorizationConsent findById(String registeredClientId, String principalName) {
		return this.consents.findScopes(registeredClientId, principalName)
			.filter((scopes) -> !scopes.isEmpty())
			.map((scopes) -> {
				OAuth2AuthorizationConsent.Builder builder = OAuth2AuthorizationConsent.withId(registeredClientId,
						principalName);
				scopes.forEach(builder::scope);
				return builder.build();
			})
			.orElse(null);
	}

}
