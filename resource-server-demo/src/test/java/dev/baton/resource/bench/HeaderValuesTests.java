package dev.baton.resource.bench;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.security.web.firewall.StrictHttpFirewall;

import static org.assertj.core.api.Assertions.assertThat;

class HeaderValuesTests {

	private static final List<String> SAMPLES = List.of("", "Bearer abc.def-ghi_~+/==", "text/html; q=0.9", "tab\there",
			"new\nline", "carriage\rreturn", "nul\u0000", "del\u007f", "c1\u0085", "caf\u00e9", "emoji \ud83d\ude00",
			"unassigned \u0378", "lone surrogate \ud800", "private use \ue000", "noncharacter \ufffe",
			"x".repeat(2000));

	@Test
	void isAllowedWhenAnyValueThenSameAnswerAsStrictHttpFirewallDefault() {
		for (String sample : SAMPLES) {
			assertThat(HeaderValues.isAllowed(sample)).as(sample)
				.isEqualTo(StrictHttpFirewall.ALLOWED_HEADER_VALUES.test(sample));
		}
	}

	@Test
	void isAllowedWhenControlCharacterThenFalse() {
		assertThat(HeaderValues.isAllowed("a\u0001b")).isFalse();
		assertThat(HeaderValues.isAllowed("a\tb")).isTrue();
	}

}
