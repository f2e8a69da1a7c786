package dev.baton.auth.api;

import java.net.URI;
import java.util.Map;

import dev.baton.auth.database.DatabaseFailures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.TransactionException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * The one place where Baton's own JSON APIs turn errors into Problem Details (RFC 9457):
 * malformed requests, bad parameters, unsupported media types and methods get a 4xx with
 * a generic detail; anything unexpected is a 500 without a stack trace (the log has it).
 */
@RestControllerAdvice(annotations = BatonApi.class)
class ApiProblemAdvice extends ResponseEntityExceptionHandler {

	private static final Logger logger = LoggerFactory.getLogger(ApiProblemAdvice.class);

	static final URI INVALID_PARAMETER = URI.create("urn:baton:problem:invalid-parameter");

	@ExceptionHandler(InvalidParameterException.class)
	ProblemDetail invalidParameter(InvalidParameterException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ex.getMessage());
		problem.setType(INVALID_PARAMETER);
		problem.setTitle("Invalid parameter");
		problem.setProperty("errors", Map.of(ex.parameter(), ex.getMessage()));
		return problem;
	}

	@ExceptionHandler(MethodArgumentTypeMismatchException.class)
	ProblemDetail typeMismatch(MethodArgumentTypeMismatchException ex) {
		return invalidParameter(new InvalidParameterException(ex.getName(), "has an invalid value"));
	}

	/**
	 * The database is unreachable, or a transaction kept losing races: 503 with
	 * {@code Retry-After}.
	 */
	@ExceptionHandler({ DataAccessException.class, TransactionException.class })
	ResponseEntity<ProblemDetail> database(RuntimeException ex) {
		boolean unavailable = DatabaseFailures.isUnavailable(ex);
		if (!unavailable && !DatabaseFailures.isConflict(ex)) {
			return ResponseEntity.internalServerError().body(unexpected(ex));
		}
		logger.warn("API request answered 503: {}", unavailable ? "the database is unreachable" : "conflicts");
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.header(HttpHeaders.RETRY_AFTER, unavailable ? "5" : "1")
			.body(ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
					"Temporarily unavailable, try again later"));
	}

	/**
	 * Tomcat's report of a parameter it could not decode (not UTF-8, say): the caller's
	 * mistake, not ours.
	 */
	@ExceptionHandler(org.apache.tomcat.util.http.InvalidParameterException.class)
	ProblemDetail undecodableParameter(org.apache.tomcat.util.http.InvalidParameterException ex) {
		logger.debug("API request with an undecodable parameter: {}", ex.getMessage());
		return invalidParameter(new InvalidParameterException("query", "cannot be decoded as UTF-8"));
	}

	@ExceptionHandler(Exception.class)
	ProblemDetail unexpected(Exception ex) {
		logger.error("Unexpected error in an API request", ex);
		return ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR, "Something went wrong");
	}

	/**
	 * Strips framework-specific details (class names, parse positions) from standard MVC
	 * errors.
	 */
	@Override
	protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode statusCode,
			WebRequest request) {
		if (body instanceof ProblemDetail problem && statusCode.is4xxClientError()) {
			problem.setDetail(HttpStatus.valueOf(statusCode.value()).getReasonPhrase());
		}
		return super.createResponseEntity(body, headers, statusCode, request);
	}

}
