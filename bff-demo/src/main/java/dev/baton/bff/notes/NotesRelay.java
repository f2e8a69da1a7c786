package dev.baton.bff.notes;

import java.net.http.HttpClient;
import java.time.Duration;

import dev.baton.bff.BffProperties;
import dev.baton.bff.token.AccessTokenOutcome;
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
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * The page's {@code /api/notes}, relayed to resource-server-demo's {@code GET} and
 * {@code POST /api/notes} with the session's access token in the {@code Authorization}
 * header. Only the API's status, content type and body come back to the browser; the
 * token never does. A session whose tokens Baton no longer honours is ended here: the
 * page gets 401 and shows that it is signed out. A refresh that fails for a passing
 * reason is a 503 and the session keeps its tokens; the API refusing a current token is a
 * 502, so that 401 always means "signed out".
 */
@RestController
class NotesRelay {

	private static final Duration API_CONNECT_TIMEOUT = Duration.ofSeconds(2);

	private static final Duration API_READ_TIMEOUT = Duration.ofSeconds(10);

	private final SessionAccessTokens tokens;

	private final RestClient api;

	NotesRelay(SessionAccessTokens tokens, BffProperties properties) {
		this.tokens = tokens;
		JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(
				HttpClient.newBuilder().connectTimeout(API_CONNECT_TIMEOUT).build());
		requests.setReadTimeout(API_READ_TIMEOUT);
		this.api = RestClient.builder().baseUrl(properties.apiBaseUrl()).requestFactory(requests).build();
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
		AccessTokenOutcome outcome = this.tokens.accessToken(user, request, response);
		if (outcome instanceof AccessTokenOutcome.SignedOut) {
			HttpSession session = request.getSession(false);
			if (session != null) {
				session.invalidate();
			}
			return problem(HttpStatus.UNAUTHORIZED, "The session has ended; sign in again.");
		}
		if (!(outcome instanceof AccessTokenOutcome.Current current)) {
			return problem(HttpStatus.SERVICE_UNAVAILABLE, "Baton cannot renew the session just now; try again.");
		}
		String accessToken = current.value();
		try {
			RestClient.RequestBodySpec call = this.api.method(method)
				.uri("/api/notes")
				.header(HttpHeaders.AUTHORIZATION, "Bearer " + accessToken)
				.accept(MediaType.APPLICATION_JSON);
			if (body != null) {
				call.contentType(MediaType.APPLICATION_JSON).body(body);
			}
			return call.exchange((apiRequest, apiResponse) -> {
				if (apiResponse.getStatusCode().value() == HttpStatus.UNAUTHORIZED.value()) {
					// the browser's 401 means "your session has ended"; this is the API
					// refusing a current token
					return problem(HttpStatus.BAD_GATEWAY, "The notes API refused the session's access token.");
				}
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
