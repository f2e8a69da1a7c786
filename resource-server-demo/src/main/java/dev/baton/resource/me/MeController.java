package dev.baton.resource.me;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/me}: any valid access token may ask who it speaks for. */
@RestController
class MeController {

	@GetMapping("/api/me")
	CallerView me(@AuthenticationPrincipal Jwt token) {
		return CallerView.of(token);
	}

}
