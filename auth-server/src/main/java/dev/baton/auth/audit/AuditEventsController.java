package dev.baton.auth.audit;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

import dev.baton.auth.api.BatonApi;
import dev.baton.auth.api.InvalidParameterException;

import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/admin/audit-events}: the audit log for administrators, filtered by user
 * ({@code subject}), {@code type} and time range ({@code from} inclusive, {@code to}
 * exclusive, ISO-8601 instants), paged ({@code page} from 0, {@code size} up to
 * {@value AuditEventQuery#MAX_SIZE}), newest first. The {@code /api/admin/**} filter
 * chain admits only access tokens with scope {@code baton.admin}.
 */
@RestController
@BatonApi
class AuditEventsController {

	private static final int DEFAULT_SIZE = 50;

	private final AuditEventRepository events;

	AuditEventsController(AuditEventRepository events) {
		this.events = events;
	}

	@GetMapping("/api/admin/audit-events")
	ResponseEntity<AuditEventPageResponse> find(@RequestParam(required = false) String subject,
			@RequestParam(required = false) String type, @RequestParam(required = false) String from,
			@RequestParam(required = false) String to, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "" + DEFAULT_SIZE) int size) {
		if (page < 0) {
			throw new InvalidParameterException("page", "must be 0 or more");
		}
		if (size < 1 || size > AuditEventQuery.MAX_SIZE) {
			throw new InvalidParameterException("size", "must be between 1 and " + AuditEventQuery.MAX_SIZE);
		}
		AuditEventQuery query = new AuditEventQuery(blankToNull(subject), type(type), instant("from", from),
				instant("to", to), page, size);
		AuditEventPage result = this.events.find(query);
		return ResponseEntity.ok()
			.cacheControl(CacheControl.noStore())
			.body(new AuditEventPageResponse(result.events(), result.page(), result.size(), result.totalElements(),
					result.totalPages()));
	}

	private static AuditEventType type(String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return AuditEventType.valueOf(value.trim().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidParameterException("type", "is not an audit event type");
		}
	}

	private static Instant instant(String name, String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return Instant.parse(value.trim());
		}
		catch (DateTimeParseException ex) {
			throw new InvalidParameterException(name, "must be an ISO-8601 instant such as 2026-01-31T12:00:00Z");
		}
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value.trim().toLowerCase(Locale.ROOT);
	}

	record AuditEventPageResponse(List<AuditEvent> events, int page, int size, long totalElements, long totalPages) {
	}

}
