package dev.baton.auth.user;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PasswordPolicyTests {

	private final PasswordPolicy policy = new PasswordPolicy();

	@Test
	void checkWhenLongAndUncommonThenAccepted() {
		assertThat(this.policy.check("violet kettle on a bicycle", "alice")).isEmpty();
	}

	@Test
	void checkWhenShorterThanTwelveThenRefused() {
		assertThat(this.policy.check("elevenchars", "alice"))
			.hasValueSatisfying((error) -> assertThat(error).contains("at least 12"));
		assertThat(this.policy.check(null, "alice")).isPresent();
	}

	@Test
	void checkWhenOnShippedListThenRefusedWhateverTheCase() {
		assertThat(this.policy.check("Password1234", "alice"))
			.hasValueSatisfying((error) -> assertThat(error).contains("too common"));
		assertThat(this.policy.check("QWERTYUIOP123", "alice")).isPresent();
	}

	@Test
	void checkWhenFewDistinctCharactersThenRefused() {
		assertThat(this.policy.check("abababababababab", "alice")).isPresent();
	}

	@Test
	void checkWhenContainsUsernameThenRefused() {
		assertThat(this.policy.check("my name is Alice-and-more", "alice"))
			.hasValueSatisfying((error) -> assertThat(error).contains("username"));
	}

	@Test
	void checkWhenLongerThanBcryptReadsThenRefused() {
		assertThat(this.policy.check("é".repeat(40), "alice"))
			.hasValueSatisfying((error) -> assertThat(error).contains("at most 72"));
	}

}
