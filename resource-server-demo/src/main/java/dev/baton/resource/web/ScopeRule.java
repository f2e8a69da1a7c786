package dev.baton.resource.web;

import java.util.List;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpMethod;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * An endpoint and the scope its access token must carry. The same rules drive
 * authorization and the {@code scope} attribute of a 403 challenge (RFC 6750 §3), so the
 * two cannot disagree.
 */
record ScopeRule(HttpMethod method, String path, String scope) {

	static final List<ScopeRule> RULES = List.of(new ScopeRule(HttpMethod.GET, "/api/notes", "notes.read"),
			new ScopeRule(HttpMethod.POST, "/api/notes", "notes.write"));

	RequestMatcher matcher() {
		return PathPatternRequestMatcher.withDefaults().matcher(this.method, this.path);
	}

	String authority() {
		return "SCOPE_" + this.scope;
	}

	static Optional<String> requiredScope(HttpServletRequest request) {
		return RULES.stream().filter((rule) -> rule.matcher().matches(request)).map(ScopeRule::scope).findFirst();
	}

}
