package dev.baton.auth.keys;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import dev.baton.auth.api.BatonApi;
import dev.baton.auth.support.RequestOrigins;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The signing key set for administrators (scope {@code baton.admin}, enforced by the
 * {@code /api/admin/**} chain): list the published keys, and rotate. Errors are Problem
 * Details (RFC 9457) like those of every {@link BatonApi}.
 */
@RestController
@BatonApi
class SigningKeyAdminController {

	private final SigningKeyRotation rotation;

	private final SigningKeyRepository repository;

	private final Clock clock;

	SigningKeyAdminController(SigningKeyRotation rotation, SigningKeyRepository repository, Clock clock) {
		this.rotation = rotation;
		this.repository = repository;
		this.clock = clock;
	}

	/**
	 * Every key in the JWKS now, newest activation first, with its signing and
	 * publication periods.
	 */
	@GetMapping("/api/admin/signing-keys")
	List<KeyView> signingKeys() {
		Instant now = this.clock.instant();
		return this.repository.findPublished(now).stream().map((key) -> KeyView.of(key, now)).toList();
	}

	/**
	 * Rotates: 201 with the new key (published now, signing from {@code activatesAt}) and
	 * the previous one. 409 (Problem Details) while the key of an earlier rotation has
	 * not begun to sign ({@code pendingKid}, {@code activatesAt}), or when a concurrent
	 * rotation won: of any number of simultaneous requests on any nodes, exactly one
	 * rotates.
	 */
	@PostMapping("/api/admin/signing-keys/rotations")
	ResponseEntity<?> rotate(@AuthenticationPrincipal Jwt admin) {
		KeyRotationOutcome outcome = this.rotation.rotate(admin.getClaimAsString("client_id"),
				RequestOrigins.current());
		if (outcome instanceof KeyRotationOutcome.Rotated rotated) {
			Instant now = this.clock.instant();
			return ResponseEntity.status(HttpStatus.CREATED)
				.body(new RotationView(KeyView.of(rotated.newKey(), now),
						(rotated.previousKey() != null) ? KeyView.of(rotated.previousKey(), now) : null));
		}
		ProblemDetail problem = ProblemDetail.forStatus(HttpStatus.CONFLICT);
		if (outcome instanceof KeyRotationOutcome.Pending pending) {
			problem.setTitle("Rotation pending");
			problem.setDetail("Key " + pending.pendingKey().kid() + " from an earlier rotation signs from "
					+ pending.pendingKey().activatesAt() + "; one rotation at a time, rotate again after that.");
			problem.setProperty("pendingKid", pending.pendingKey().kid());
			problem.setProperty("activatesAt", pending.pendingKey().activatesAt().toString());
		}
		else {
			problem.setTitle("Rotation superseded");
			problem.setDetail("A concurrent rotation changed the signing key set; list the keys to see its key.");
		}
		return ResponseEntity.status(HttpStatus.CONFLICT).body(problem);
	}

	/** A key without its key material: the public half is in the JWKS. */
	record KeyView(String kid, String algorithm, String state, Instant createdAt, Instant activatesAt,
			Instant retiresAt, Instant unpublishAt) {

		static KeyView of(SigningKey key, Instant now) {
			String state = key.signsAt(now) ? "active" : (now.isBefore(key.activatesAt()) ? "pending" : "retired");
			return new KeyView(key.kid(), key.algorithm().jwsAlgorithm().getName(), state, key.createdAt(),
					key.activatesAt(), key.retiresAt(), key.unpublishAt());
		}

	}

	record RotationView(KeyView newKey, KeyView previousKey) {
	}

}
