package dev.baton.auth.console;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import dev.baton.auth.keys.KeyRotationOutcome;
import dev.baton.auth.keys.SigningKey;
import dev.baton.auth.keys.SigningKeyRepository;
import dev.baton.auth.keys.SigningKeyRotation;
import dev.baton.auth.support.RequestOrigins;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.util.UriUtils;

/**
 * {@code /admin/keys}: the published signing keys with their signing and publication
 * periods, and "rotate now" through {@link SigningKeyRotation} (one rotation at a time:
 * while an earlier rotation's key has not begun to sign, a rotation is refused with a
 * message saying until when).
 */
@Controller
class ConsoleKeysController {

	private final SigningKeyRotation rotation;

	private final SigningKeyRepository repository;

	private final ConsoleAdmins admins;

	private final Clock clock;

	ConsoleKeysController(SigningKeyRotation rotation, SigningKeyRepository repository, ConsoleAdmins admins,
			Clock clock) {
		this.rotation = rotation;
		this.repository = repository;
		this.admins = admins;
		this.clock = clock;
	}

	@GetMapping("/admin/keys")
	String keys(Model model) {
		Instant now = this.clock.instant();
		List<KeyRow> rows = this.repository.findPublished(now).stream().map((key) -> KeyRow.of(key, now)).toList();
		model.addAttribute("keys", rows);
		return "admin/keys";
	}

	@PostMapping("/admin/keys/rotate")
	String rotate(Authentication authentication, HttpServletRequest request) {
		KeyRotationOutcome outcome = this.rotation.rotate(this.admins.actor(authentication),
				RequestOrigins.of(request));
		if (outcome instanceof KeyRotationOutcome.Rotated rotated) {
			return "redirect:/admin/keys?rotated=" + encode(rotated.newKey().kid());
		}
		if (outcome instanceof KeyRotationOutcome.Pending pending) {
			return "redirect:/admin/keys?pending=" + encode(pending.pendingKey().kid()) + "&activatesAt="
					+ pending.pendingKey().activatesAt();
		}
		return "redirect:/admin/keys?superseded";
	}

	private static String encode(String value) {
		return UriUtils.encodeQueryParam(value, "UTF-8");
	}

	/** A key without its key material, for the page. */
	public record KeyRow(String kid, String algorithm, String state, Instant createdAt, Instant activatesAt,
			Instant retiresAt, Instant unpublishAt) {

		static KeyRow of(SigningKey key, Instant now) {
			String state = key.signsAt(now) ? "active" : (now.isBefore(key.activatesAt()) ? "pending" : "retired");
			return new KeyRow(key.kid(), key.algorithm().jwsAlgorithm().getName(), state, key.createdAt(),
					key.activatesAt(), key.retiresAt(), key.unpublishAt());
		}

	}

}
