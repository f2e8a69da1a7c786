package dev.baton.bff.notes;

import java.util.Optional;

import dev.baton.bff.BffProperties;
import dev.baton.bff.token.SessionAccessTokens;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * The page's {@code /api/notes}, relayed to resource-server-demo's {@code GET} and {@code POST /api/notes} with
 * the session's access token in the {@code Authorization} header. Only the API's status, content type and body
 * come back to the browser; the token never does. A session whose tokens Baton no longer honours is ended here:
 * the page gets 401 and shows that it is signed out.
 */
@RestController
class NotesRelay {

	private final SessionAccessTokens tokens;

	private final RestClient api;

	NotesRelay(SessionAccessTokens tokens, BffProperties properties) {
		this.tokens = tokens;
		this.api = RestClient.builder().baseUrl(properties.apiBaseUrl()).build();
	}

	@GetMapping("/api/notes")
	ResponseEntity<?> notes(Authentication user, HttpServletRequest request, HttpServletResponse response) {
		return relay(HttpMethod.GET, null, user, request, response);
	}

	@PostMapping(path = "/api/notes", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<?> add(@RequestBody String body, Authentication user, HttpServletRequest request,
			HttpServletResponse response) {
		return relay(HttpMethod.POST, body, user, request, response);
	}

	private ResponseEntity<?> relay(HttpMethod method, String body, Authentication user, HttpServletRequest request,
			HttpServletResponse response) {
		Optional<String> accessToken = this.tokens.accessToken(user, request, response);
		if (accessToken.isEmpty()) {
			HttpSession session = request.getSession(false);
			if (session != null) {
				session.invalidate();
			}
			return problem(HttpStatus.UNAUTHORIZED, "The session has ended; sign in again.");
		}
		try {
			RestClient.RequestBodySpec call = this.api.method(method)
				.uri("/api/notes")
				.header(HttpHeaders.AUTHORIZATION, "Bearer " + accessToken.get())
				.accept(MediaType.APPLICATION_JSON);
			if (body != null) {
				call.contentType(MediaType.APPLICATION_JSON).body(body);
			}
			return call.exchange((apiRequest, apiResponse) -> {
				MediaType type = apiResponse.getHeaders().getContentType();
				ResponseEntity.BodyBuilder relayed = ResponseEntity.status(apiResponse.getStatusCode());
				if (type != null) {
					relayed.contentType(type);
				}
				return relayed.body(apiResponse.bodyTo(byte[].class));
			});
		}
		catch (RestClientException ex) {
			return problem(HttpStatus.BAD_GATEWAY, "The notes API cannot be reached.");
		}
	}

	private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String detail) {
		return ResponseEntity.status(status).body(ProblemDetail.forStatusAndDetail(status, detail));
	}

}
