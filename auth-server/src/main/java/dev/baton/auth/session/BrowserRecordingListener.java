package dev.baton.auth.session;

import java.time.Clock;

import dev.baton.auth.code.AuthorizationCodeIssued;
import dev.baton.auth.support.RequestOrigins;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * When a code is issued to a browser, remembers that browser for the sign-in the code
 * will start.
 */
@Component
class BrowserRecordingListener {

	private final FamilyBrowserRepository browsers;

	private final Clock clock;

	BrowserRecordingListener(FamilyBrowserRepository browsers, Clock clock) {
		this.browsers = browsers;
		this.clock = clock;
	}

	@EventListener
	void onCodeIssued(AuthorizationCodeIssued event) {
		if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
			HttpServletRequest request = attributes.getRequest();
			BrowserCookie.hashOf(request)
				.ifPresent((hash) -> this.browsers.insertIfAbsent(event.authorizationId(), hash,
						RequestOrigins.of(request).userAgent(), this.clock.instant()));
		}
	}

}
