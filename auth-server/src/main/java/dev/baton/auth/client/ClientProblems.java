package dev.baton.auth.client;

import java.net.URI;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/** The Problem Details (RFC 9457) answers of the client admin API. */
final class ClientProblems {

	static final URI INVALID_CLIENT_METADATA = URI.create("urn:baton:problem:invalid-client-metadata");

	private ClientProblems() {
	}

	/** One answer naming every faulty field in {@code errors}. */
	static ResponseEntity<ProblemDetail> invalid(Map<String, String> errors) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				(errors.size() == 1) ? "1 field is not valid" : errors.size() + " fields are not valid");
		problem.setType(INVALID_CLIENT_METADATA);
		problem.setTitle("Invalid client metadata");
		problem.setProperty("errors", errors);
		return ResponseEntity.badRequest().body(problem);
	}

	static ResponseEntity<ProblemDetail> body(JsonObjectBody.Problem body) {
		if (body.tooLarge()) {
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE,
					"The request body " + body.message());
			problem.setTitle("Request body too large");
			return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(problem);
		}
		return invalid(Map.of("body", body.message()));
	}

	static ResponseEntity<ProblemDetail> notFound(String clientId) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No client " + shown(clientId));
		problem.setTitle("Client not found");
		return ResponseEntity.status(HttpStatus.NOT_FOUND).body(problem);
	}

	static ResponseEntity<ProblemDetail> conflict(String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, detail);
		problem.setTitle("Conflict");
		return ResponseEntity.status(HttpStatus.CONFLICT).body(problem);
	}

	static String shown(String clientId) {
		return (clientId.length() > 100) ? clientId.substring(0, 100) + "…" : clientId;
	}

}
