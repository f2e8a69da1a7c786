package dev.baton.auth.passkey;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import dev.baton.auth.audit.AuditEventType;
import dev.baton.auth.audit.AuditLog;
import dev.baton.auth.support.RequestOrigins;
import dev.baton.auth.user.SignedInAccounts;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.core.io.ClassPathResource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.webauthn.api.CredentialRecord;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialUserEntity;
import org.springframework.security.web.webauthn.management.PublicKeyCredentialUserEntityRepository;
import org.springframework.security.web.webauthn.management.UserCredentialRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * {@code /account/passkeys}: the user's passkeys with their names, adding one (the
 * WebAuthn ceremony runs in the framework's script, the only script of Baton's pages) and
 * removing one (a plain form). Also serves the framework's script from Baton, so the
 * pages need no other origin ({@code script-src 'self'}).
 */
@Controller
class PasskeysPageController {

	static final String PATH = "/account/passkeys";

	private static final ClassPathResource SCRIPT = new ClassPathResource(
			"org/springframework/security/spring-security-webauthn.js");

	private final PublicKeyCredentialUserEntityRepository users;

	private final UserCredentialRepository credentials;

	private final SignedInAccounts accounts;

	private final AuditLog auditLog;

	PasskeysPageController(PublicKeyCredentialUserEntityRepository users, UserCredentialRepository credentials,
			SignedInAccounts accounts, AuditLog auditLog) {
		this.users = users;
		this.credentials = credentials;
		this.accounts = accounts;
		this.auditLog = auditLog;
	}

	@GetMapping(PATH)
	String passkeys(Authentication authentication, Model model) {
		model.addAttribute("username", authentication.getName());
		model.addAttribute("passkeys", passkeysOf(authentication.getName()));
		return "passkeys";
	}

	/** Where the framework's script goes after a registration. */
	@GetMapping("/webauthn/register")
	String registered() {
		return "redirect:" + PATH + "?registered";
	}

	@PostMapping(PATH + "/remove")
	String remove(@RequestParam(required = false) String credentialId, Authentication authentication,
			HttpServletRequest request) {
		CredentialRecord passkey = passkeysOf(authentication.getName()).stream()
			.filter((record) -> record.getCredentialId().toBase64UrlString().equals(credentialId))
			.findFirst()
			.orElse(null);
		if (passkey == null) {
			return "redirect:" + PATH;
		}
		this.credentials.delete(passkey.getCredentialId());
		this.auditLog.record(AuditEventType.PASSKEY_REMOVED,
				this.accounts.subjectOf(authentication.getName()).orElse(null), null, null, passkey.getLabel(),
				RequestOrigins.of(request));
		return "redirect:" + PATH + "?removed";
	}

	@GetMapping(Passkeys.SCRIPT_PATH)
	ResponseEntity<byte[]> script() throws IOException {
		try (InputStream in = SCRIPT.getInputStream()) {
			return ResponseEntity.ok()
				.contentType(MediaType.parseMediaType("text/javascript"))
				.cacheControl(CacheControl.noCache())
				.body(in.readAllBytes());
		}
	}

	private List<CredentialRecord> passkeysOf(String username) {
		PublicKeyCredentialUserEntity user = this.users.findByUsername(username);
		return (user != null) ? this.credentials.findByUserId(user.getId()) : List.of();
	}

}
