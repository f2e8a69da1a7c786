package dev.baton.auth.mfa;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * RFC 6238 (SHA-1, 6 digits, 30 s), its verification window of one step and single use of
 * each step.
 */
class TotpTests {

	/** RFC 6238 Appendix B: the SHA-1 seed. */
	private static final byte[] SEED = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

	/** RFC 6238 Appendix B, SHA-1 column, the last six of the eight digits. */
	@ParameterizedTest
	@CsvSource({ "59, 287082", "1111111109, 081804", "1111111111, 050471", "1234567890, 005924", "2000000000, 279037",
			"20000000000, 353130" })
	void codeWhenRfc6238TestVectorThenSameDigits(long seconds, String code) {
		assertThat(Totp.code(SEED, Totp.step(Instant.ofEpochSecond(seconds)))).isEqualTo(code);
	}

	@Test
	void matchingStepWhenOneStepBeforeOrAfterThenAccepted() {
		Instant now = Instant.ofEpochSecond(1111111111);
		long step = Totp.step(now);

		assertThat(Totp.matchingStep(SEED, Totp.code(SEED, step - 1), now, null)).hasValue(step - 1);
		assertThat(Totp.matchingStep(SEED, Totp.code(SEED, step), now, null)).hasValue(step);
		assertThat(Totp.matchingStep(SEED, Totp.code(SEED, step + 1), now, null)).hasValue(step + 1);
	}

	@Test
	void matchingStepWhenTwoStepsAwayThenRefused() {
		Instant now = Instant.ofEpochSecond(1111111111);
		long step = Totp.step(now);

		assertThat(Totp.matchingStep(SEED, Totp.code(SEED, step - 2), now, null)).isEmpty();
		assertThat(Totp.matchingStep(SEED, Totp.code(SEED, step + 2), now, null)).isEmpty();
	}

	@Test
	void matchingStepWhenStepAlreadyUsedOrEarlierThenRefused() {
		Instant now = Instant.ofEpochSecond(1111111111);
		long step = Totp.step(now);

		assertThat(Totp.matchingStep(SEED, Totp.code(SEED, step), now, step)).isEmpty();
		assertThat(Totp.matchingStep(SEED, Totp.code(SEED, step - 1), now, step)).isEmpty();
		assertThat(Totp.matchingStep(SEED, Totp.code(SEED, step + 1), now, step)).hasValue(step + 1);
	}

	@Test
	void matchingStepWhenNotSixDigitsThenRefused() {
		Instant now = Instant.ofEpochSecond(59);

		assertThat(Totp.matchingStep(SEED, "28708", now, null)).isEmpty();
		assertThat(Totp.matchingStep(SEED, "2870822", now, null)).isEmpty();
		assertThat(Totp.matchingStep(SEED, "28708a", now, null)).isEmpty();
		assertThat(Totp.matchingStep(SEED, null, now, null)).isEqualTo(OptionalLong.empty());
	}

	@Test
	void generateSecretThenTwentyRandomBytes() {
		assertThat(Totp.generateSecret()).hasSize(20).isNotEqualTo(Totp.generateSecret());
	}

	/** RFC 4648 §10 test vectors, without padding. */
	@ParameterizedTest
	@CsvSource({ "f, MY", "fo, MZXQ", "foo, MZXW6", "foob, MZXW6YQ", "fooba, MZXW6YTB", "foobar, MZXW6YTBOI" })
	void base32WhenRfc4648TestVectorThenEncodedAndDecodedBack(String text, String encoded) {
		assertThat(Base32.encode(text.getBytes(StandardCharsets.US_ASCII))).isEqualTo(encoded);
		assertThat(new String(Base32.decode(encoded.toLowerCase()), StandardCharsets.US_ASCII)).isEqualTo(text);
	}

	@Test
	void normalizeWhenTypedWithSpacesDashesAndCapitalsThenStoredForm() {
		assertThat(SecondFactors.normalize(" ABCDE-fghjk ")).isEqualTo("abcdefghjk");
		assertThat(SecondFactors.normalize("123 456")).isEqualTo("123456");
	}

}
