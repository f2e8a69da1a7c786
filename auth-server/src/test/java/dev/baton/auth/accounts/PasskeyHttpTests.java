package dev.baton.auth.accounts;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Set;

import dev.baton.auth.testsupport.TestClient;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.web.webauthn.api.AuthenticatorTransport;
import org.springframework.security.web.webauthn.api.Bytes;
import org.springframework.security.web.webauthn.api.CredentialRecord;
import org.springframework.security.web.webauthn.api.ImmutableCredentialRecord;
import org.springframework.security.web.webauthn.api.ImmutablePublicKeyCose;
import org.springframework.security.web.webauthn.api.ImmutablePublicKeyCredentialUserEntity;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialType;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialUserEntity;
import org.springframework.security.web.webauthn.management.PublicKeyCredentialUserEntityRepository;
import org.springframework.security.web.webauthn.management.UserCredentialRepository;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Passkeys over HTTP on the real schema (H2, and MariaDB in the {@code mariadb} run): the
 * framework's JDBC repositories on V68's tables, the account page listing and removing a
 * user's passkeys (not another user's), registration options for a signed-in user, the
 * framework's script served from Baton, and a deleted account taking its passkeys along.
 * The WebAuthn ceremony itself runs in {@code PasskeyBrowserEndToEndTests}.
 */
class PasskeyHttpTests extends AccountsHttpTestSupport {

	@Autowired
	PublicKeyCredentialUserEntityRepository passkeyUsers;

	@Autowired
	UserCredentialRepository passkeyCredentials;

	@Test
	void repositoriesWhenPasskeySavedThenFoundByUserAndCredentialAndUpdated() {
		String username = registerUser("passkey-repo");
		PublicKeyCredentialUserEntity user = saveUser(username);
		CredentialRecord record = saveCredential(user, "Laptop");

		assertThat(this.passkeyUsers.findByUsername(username).getId()).isEqualTo(user.getId());
		assertThat(this.passkeyCredentials.findByUserId(user.getId())).extracting(CredentialRecord::getLabel)
			.containsExactly("Laptop");
		this.passkeyCredentials.save(ImmutableCredentialRecord.fromCredentialRecord(record).signatureCount(7).build());
		assertThat(this.passkeyCredentials.findByCredentialId(record.getCredentialId()).getSignatureCount())
			.isEqualTo(7);
		assertThat(auditCount("PASSKEY_REGISTERED", username)).isEqualTo(1);
	}

	@Test
	void passkeysPageWhenRemovingOwnPasskeyThenGoneAndAudited() {
		String username = registerUser("passkey-page");
		CredentialRecord record = saveCredential(saveUser(username), "Phone");
		AccountsTestBrowser browser = newBrowser();
		browser.signIn(username, PASSWORD);

		HttpResponse<String> page = browser.get("/account/passkeys");
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("data-label=\"Phone\"").contains("/js/spring-security-webauthn.js");
		assertThat(page.headers().firstValue("Content-Security-Policy").orElse("")).contains("script-src 'self'")
			.doesNotContain("unsafe-inline");
		HttpResponse<String> removed = browser.submit("/account/passkeys", "/account/passkeys/remove",
				Map.of("credentialId", record.getCredentialId().toBase64UrlString()));

		assertThat(AccountsTestBrowser.location(removed)).endsWith("/account/passkeys?removed");
		assertThat(this.passkeyCredentials.findByCredentialId(record.getCredentialId())).isNull();
		assertThat(auditCount("PASSKEY_REMOVED", username)).isEqualTo(1);
	}

	@Test
	void passkeysPageWhenRemovingAnotherUsersPasskeyThenNothingHappens() {
		String owner = registerUser("passkey-owner");
		CredentialRecord record = saveCredential(saveUser(owner), "Owner's key");
		String other = registerUser("passkey-other");
		AccountsTestBrowser browser = newBrowser();
		browser.signIn(other, PASSWORD);

		HttpResponse<String> response = browser.submit("/account/passkeys", "/account/passkeys/remove",
				Map.of("credentialId", record.getCredentialId().toBase64UrlString()));

		assertThat(AccountsTestBrowser.location(response)).endsWith("/account/passkeys");
		assertThat(this.passkeyCredentials.findByCredentialId(record.getCredentialId())).isNotNull();
	}

	@Test
	void registrationOptionsWhenSignedInThenChallengeForThisRelyingParty() {
		String username = registerUser("passkey-options");
		AccountsTestBrowser browser = newBrowser();
		browser.signIn(username, PASSWORD);
		String csrf = browser.csrf("/account/passkeys");

		HttpResponse<String> options = browser.json("POST", "/webauthn/register/options", null,
				Map.of("X-CSRF-TOKEN", csrf));

		assertThat(options.statusCode()).as(options.body()).isEqualTo(200);
		assertThat(options.body()).contains("\"challenge\"")
			.contains("\"id\":\"localhost\"")
			.contains("\"name\":\"" + username + "\"");
		// without a sign-in (and so without its CSRF token) the ceremony does not start
		assertThat(newBrowser().json("POST", "/webauthn/register/options", null, Map.of()).statusCode()).isEqualTo(403);
	}

	@Test
	void scriptWhenRequestedThenFrameworkScriptFromBaton() {
		HttpResponse<String> script = newBrowser().get("/js/spring-security-webauthn.js");

		assertThat(script.statusCode()).isEqualTo(200);
		assertThat(script.headers().firstValue("Content-Type").orElse("")).startsWith("text/javascript");
		assertThat(script.body()).contains("window.setupLogin");
		assertThat(newBrowser().get("/js/passkeys.js").statusCode()).isEqualTo(200);
	}

	@Test
	void deleteUserThenPasskeysGoWithTheAccount() {
		String username = registerUser("passkey-deleted");
		PublicKeyCredentialUserEntity user = saveUser(username);
		CredentialRecord record = saveCredential(user, "Old key");
		String admin = this.http.accessToken(TestClient.ADMIN, "baton.admin");

		assertThat(this.http.json("DELETE", "/api/admin/users/" + username, admin, null).status()).isEqualTo(204);

		assertThat(this.passkeyUsers.findByUsername(username)).isNull();
		assertThat(this.passkeyCredentials.findByCredentialId(record.getCredentialId())).isNull();
	}

	private PublicKeyCredentialUserEntity saveUser(String username) {
		PublicKeyCredentialUserEntity user = ImmutablePublicKeyCredentialUserEntity.builder()
			.id(Bytes.random())
			.name(username)
			.displayName(username)
			.build();
		this.passkeyUsers.save(user);
		return user;
	}

	private CredentialRecord saveCredential(PublicKeyCredentialUserEntity user, String label) {
		CredentialRecord record = ImmutableCredentialRecord.builder()
			.credentialType(PublicKeyCredentialType.PUBLIC_KEY)
			.credentialId(Bytes.random())
			.userEntityUserId(user.getId())
			.publicKey(ImmutablePublicKeyCose.fromBase64("pQECAyYgASFYIBQ5WqqTe4lh1FAoOLbc7Ymt0WlPBSOcGhSDIqRtcHUl"))
			.signatureCount(0)
			.uvInitialized(true)
			.transports(Set.of(AuthenticatorTransport.INTERNAL))
			.backupEligible(false)
			.backupState(false)
			.created(Instant.now().truncatedTo(ChronoUnit.MICROS))
			.lastUsed(Instant.now().truncatedTo(ChronoUnit.MICROS))
			.label(label)
			.build();
		this.passkeyCredentials.save(record);
		return record;
	}

}
