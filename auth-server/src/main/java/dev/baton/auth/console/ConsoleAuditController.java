package dev.baton.auth.console;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import dev.baton.auth.audit.AuditEventPage;
import dev.baton.auth.audit.AuditEventQuery;
import dev.baton.auth.audit.AuditEventRepository;
import dev.baton.auth.audit.AuditEventType;
import dev.baton.auth.user.UserAccount;
import dev.baton.auth.user.UserAccountRepository;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriUtils;

/**
 * {@code /admin/audit}: the audit log, newest first, filtered by type, subject, client
 * and time range (from inclusive, to exclusive; UTC). A subject that is a username is
 * looked up as its account id, the subject of the user's events; anything else (an
 * account id, {@code user:<id>}, a client id) is matched as given.
 */
@Controller
class ConsoleAuditController {

	static final int PAGE_SIZE = 50;

	private final AuditEventRepository events;

	private final UserAccountRepository accounts;

	ConsoleAuditController(AuditEventRepository events, UserAccountRepository accounts) {
		this.events = events;
		this.accounts = accounts;
	}

	@GetMapping("/admin/audit")
	String audit(@RequestParam(defaultValue = "") String type, @RequestParam(defaultValue = "") String subject,
			@RequestParam(defaultValue = "") String client, @RequestParam(defaultValue = "") String from,
			@RequestParam(defaultValue = "") String to, @RequestParam(defaultValue = "0") int page, Model model) {
		Map<String, String> errors = new LinkedHashMap<>();
		AuditEventType eventType = null;
		if (!type.isBlank()) {
			try {
				eventType = AuditEventType.valueOf(type.trim().toUpperCase(Locale.ROOT));
			}
			catch (IllegalArgumentException ex) {
				errors.put("type", "is not an audit event type");
			}
		}
		Instant fromInstant = instant("from", from, errors);
		Instant toInstant = instant("to", to, errors);
		model.addAttribute("types", Arrays.stream(AuditEventType.values()).map(Enum::name).toList());
		model.addAttribute("filter", Map.of("type", type.trim(), "subject", subject.trim(), "client", client.trim(),
				"from", from.trim(), "to", to.trim()));
		model.addAttribute("errors", errors);
		if (!errors.isEmpty()) {
			model.addAttribute("events", java.util.List.of());
			model.addAttribute("paging", Paging.of(0, PAGE_SIZE, 0));
			return "admin/audit";
		}
		int current = Math.max(page, 0);
		AuditEventPage result = this.events.find(new AuditEventQuery(subject(subject), eventType, fromInstant,
				toInstant, current, PAGE_SIZE, client.isBlank() ? null : client.trim()));
		model.addAttribute("events", result.events());
		model.addAttribute("paging", Paging.of(current, PAGE_SIZE, result.totalElements()));
		model.addAttribute("pagerBase", "/admin/audit?type=" + encode(type) + "&subject=" + encode(subject) + "&client="
				+ encode(client) + "&from=" + encode(from) + "&to=" + encode(to) + "&");
		return "admin/audit";
	}

	private static String encode(String value) {
		return UriUtils.encodeQueryParam(value.trim(), "UTF-8");
	}

	private String subject(String given) {
		String trimmed = given.trim();
		if (trimmed.isEmpty()) {
			return null;
		}
		return this.accounts.findByUsername(trimmed).map(UserAccount::id).orElse(trimmed);
	}

	/** An ISO-8601 instant, or a {@code datetime-local} value read as UTC. */
	private static Instant instant(String field, String value, Map<String, String> errors) {
		String trimmed = value.trim();
		if (trimmed.isEmpty()) {
			return null;
		}
		try {
			return Instant.parse(trimmed);
		}
		catch (DateTimeParseException ex) {
			try {
				return LocalDateTime.parse(trimmed).toInstant(ZoneOffset.UTC);
			}
			catch (DateTimeParseException notLocal) {
				errors.put(field, "must be a time such as 2026-01-31T12:00 (UTC)");
				return null;
			}
		}
	}

}
