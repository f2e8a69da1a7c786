package dev.baton.resource;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every way an access token can fail, and the RFC 6750 answers, over real HTTP against a
 * stub JWKS.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class AccessTokenValidationTests {

	private static final RSAKey TRUSTED = TestTokens.rsaKey("trusted-key");

	private static final StubJwksServer JWKS = StubJwksServer.serving(TRUSTED);

	@LocalServerPort
	private int port;

	@Autowired
	private ApplicationContext context;

	private ApiClient api;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("baton.resource.issuer", () -> TestTokens.ISSUER);
		registry.add("baton.resource.audience", () -> TestTokens.AUDIENCE);
		registry.add("baton.resource.jwk-set-uri", JWKS::jwkSetUri);
		registry.add("server.address", () -> "127.0.0.1");
	}

	@AfterAll
	static void stopJwks() {
		JWKS.close();
	}

	@BeforeEach
	void client() {
		this.api = new ApiClient(this.port);
	}

	@Test
	void meWhenValidTokenThenReturnsSubjectClientScopesAndExpiry() {
		Instant expiry = Instant.now().plus(Duration.ofMinutes(5)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
		HttpResponse<String> response = this.api.get("/api/me",
				TestTokens.sign(TRUSTED, (claims) -> claims.expirationTime(Date.from(expiry))));

		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode body = ApiClient.json(response);
		assertThat(body.get("subject").asString()).isEqualTo("alice");
		assertThat(body.get("clientId").asString()).isEqualTo("demo-web");
		assertThat(body.get("scopes").toString()).isEqualTo("[\"openid\",\"notes.read\",\"notes.write\"]");
		assertThat(Instant.parse(body.get("expiresAt").asString())).isEqualTo(expiry);
	}

	@Test
	void meWhenTokenIssuedMinutesAgoAndNotExpiredThen200() {
		Instant now = Instant.now();

		assertThat(
				this.api.get("/api/me",
						TestTokens.sign(TRUSTED,
								(claims) -> claims.issueTime(Date.from(now.minus(Duration.ofMinutes(4))))
									.expirationTime(Date.from(now.plus(Duration.ofMinutes(1))))))
					.statusCode())
			.isEqualTo(200);
	}

	@Test
	void meWhenIssuedInTheFutureBeyondClockSkewThen401InvalidToken() {
		assertInvalidToken(this.api.get("/api/me", TestTokens.sign(TRUSTED,
				(claims) -> claims.issueTime(Date.from(Instant.now().plus(Duration.ofMinutes(2)))))));
	}

	/**
	 * Issue 13 item 14: the reason a token is refused is in the log at INFO, the token is
	 * not.
	 */
	@Test
	void meWhenTokenForAnotherAudienceThenReasonLoggedAtInfoWithoutTheToken(CapturedOutput output) {
		String token = TestTokens.sign(TRUSTED, (claims) -> claims.audience("http://localhost:9000"));

		assertInvalidToken(this.api.get("/api/me", token));

		assertThat(output).contains("INFO").contains("Rejected access token").contains("aud");
		assertThat(output.toString()).doesNotContain(token).doesNotContain(token.split("\\.")[1]);
	}

	@Test
	void meWhenIssuedAtMissingThen401InvalidToken() {
		assertInvalidToken(this.api.get("/api/me", TestTokens.sign(TRUSTED, (claims) -> claims.issueTime(null))));
	}

	@Test
	void notesWhenPostedThenListedForTheirSubjectOnly() {
		String bob = TestTokens.sign(TRUSTED, (claims) -> claims.subject("bob-" + System.nanoTime()));
		String carol = TestTokens.sign(TRUSTED, (claims) -> claims.subject("carol-" + System.nanoTime()));

		HttpResponse<String> created = this.api.post("/api/notes", bob, "{\"text\":\"buy milk\"}");
		assertThat(created.statusCode()).isEqualTo(201);
		assertThat(ApiClient.json(created).get("text").asString()).isEqualTo("buy milk");

		HttpResponse<String> bobsNotes = this.api.get("/api/notes", bob);
		assertThat(bobsNotes.statusCode()).isEqualTo(200);
		assertThat(ApiClient.json(bobsNotes).size()).isEqualTo(1);
		assertThat(ApiClient.json(this.api.get("/api/notes", carol)).size()).isZero();
	}

	@Test
	void postNoteWhenTextBlankThenProblemDetails400() {
		HttpResponse<String> response = this.api.post("/api/notes", TestTokens.sign(TRUSTED, (claims) -> {
		}), "{\"text\":\"  \"}");

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
	}

	@Test
	void postNoteWhenBodyMalformedThenProblemDetails400() {
		HttpResponse<String> response = this.api.post("/api/notes", TestTokens.sign(TRUSTED, (claims) -> {
		}), "{not json");

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(ApiClient.json(response).get("status").asInt()).isEqualTo(400);
		assertThat(response.body()).doesNotContain("Exception");
	}

	@Test
	void meWhenNoTokenThen401BearerChallengeWithoutErrorCode() {
		HttpResponse<String> response = this.api.get("/api/me", null);

		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(ApiClient.json(response).get("status").asInt()).isEqualTo(401);
	}

	@Test
	void meWhenSignedByForeignKeyWithTrustedKidThen401InvalidToken() {
		RSAKey impostor = TestTokens.rsaKey(TRUSTED.getKeyID());

		assertInvalidToken(this.api.get("/api/me", TestTokens.sign(impostor, (claims) -> {
		})));
	}

	@Test
	void meWhenAlgNoneThen401InvalidToken() {
		assertInvalidToken(this.api.get("/api/me", TestTokens.unsigned(TRUSTED.getKeyID())));
	}

	@Test
	void meWhenHmacKeyedWithPublicKeyThen401InvalidToken() {
		assertInvalidToken(this.api.get("/api/me", TestTokens.hmacWithPublicKey(TRUSTED)));
	}

	@Test
	void meWhenPayloadTamperedThen401InvalidToken() {
		JWTClaimsSet claims = TestTokens.userClaims().build();
		String token = TestTokens.sign(TRUSTED, claims);
		JWTClaimsSet tampered = new JWTClaimsSet.Builder(claims).subject("mallory").build();

		assertInvalidToken(this.api.get("/api/me", TestTokens.withPayload(token, tampered)));
	}

	@Test
	void meWhenExpiredBeyondClockSkewThen401InvalidToken() {
		Instant now = Instant.now();
		assertInvalidToken(this.api.get("/api/me",
				TestTokens.sign(TRUSTED, (claims) -> claims.issueTime(Date.from(now.minus(Duration.ofMinutes(10))))
					.expirationTime(Date.from(now.minus(Duration.ofMinutes(2)))))));
	}

	@Test
	void meWhenNotYetValidBeyondClockSkewThen401InvalidToken() {
		assertInvalidToken(this.api.get("/api/me", TestTokens.sign(TRUSTED,
				(claims) -> claims.notBeforeTime(Date.from(Instant.now().plus(Duration.ofMinutes(2)))))));
	}

	@Test
	void meWhenOtherAudienceThen401InvalidToken() {
		assertInvalidToken(this.api.get("/api/me",
				TestTokens.sign(TRUSTED, (claims) -> claims.audience(List.of("http://localhost:9000")))));
	}

	@Test
	void meWhenOtherIssuerThen401InvalidToken() {
		assertInvalidToken(
				this.api.get("/api/me", TestTokens.sign(TRUSTED, (claims) -> claims.issuer("https://evil.example"))));
	}

	@Test
	void meWhenTypeIsPlainJwtThen401InvalidToken() {
		assertInvalidToken(this.api.get("/api/me", TestTokens.sign(TRUSTED, "JWT", TestTokens.userClaims().build())));
	}

	@Test
	void meWhenClientIdMissingThen401InvalidToken() {
		assertInvalidToken(
				this.api.get("/api/me", TestTokens.sign(TRUSTED, (claims) -> claims.claim("client_id", null))));
	}

	@Test
	void meWhenBearerCredentialsMalformedThen401InvalidToken() {
		assertInvalidToken(this.api.get("/api/me", "two words"));
	}

	@Test
	void meWhenGarbageTokenThen401InvalidToken() {
		assertInvalidToken(this.api.get("/api/me", "not-a-jwt"));
	}

	@Test
	void postNoteWhenWriteScopeMissingThen403InsufficientScopeNamingIt() {
		String readOnly = TestTokens.sign(TRUSTED, (claims) -> claims.claim("scope", "openid notes.read"));

		HttpResponse<String> response = this.api.post("/api/notes", readOnly, "{\"text\":\"x\"}");

		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(response.headers().firstValue("WWW-Authenticate"))
			.hasValueSatisfying((challenge) -> assertThat(challenge).startsWith("Bearer error=\"insufficient_scope\"")
				.contains("scope=\"notes.write\""));
		assertThat(ApiClient.json(response).get("status").asInt()).isEqualTo(403);
		assertThat(this.api.get("/api/notes", readOnly).statusCode()).isEqualTo(200);
	}

	@Test
	void getNotesWhenReadScopeMissingThen403InsufficientScopeNamingIt() {
		String writeOnly = TestTokens.sign(TRUSTED, (claims) -> claims.claim("scope", "notes.write"));

		HttpResponse<String> response = this.api.get("/api/notes", writeOnly);

		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(response.headers().firstValue("WWW-Authenticate"))
			.hasValueSatisfying((challenge) -> assertThat(challenge).contains("scope=\"notes.read\""));
	}

	@Test
	void protectedResourceMetadataWhenRequestedThenNamesAudienceAndIssuer() {
		HttpResponse<String> response = this.api.get("/.well-known/oauth-protected-resource", null);

		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode metadata = ApiClient.json(response);
		assertThat(metadata.get("resource").asString()).isEqualTo(TestTokens.AUDIENCE);
		assertThat(metadata.get("authorization_servers").toString()).isEqualTo("[\"" + TestTokens.ISSUER + "\"]");
		assertThat(metadata.get("tls_client_certificate_bound_access_tokens").asBoolean()).isFalse();
	}

	@Test
	void baselineWhenBenchProfileInactiveThenNotExposed() {
		assertThat(this.api.get("/api/public/me-baseline", null).statusCode()).isEqualTo(404);
	}

	/**
	 * The sample is the stock setup; the benchmark's parts come only with the
	 * {@code bench} profile.
	 */
	@Test
	void contextWhenDefaultProfileThenFrameworkDecoderResolverAndFirewall() {
		assertThat(this.context.getBean(JwtDecoder.class)).isInstanceOf(NimbusJwtDecoder.class);
		assertThat(this.context.getBeansOfType(BearerTokenResolver.class)).isEmpty();
		assertThat(this.context.getBeansOfType(HttpFirewall.class)).isEmpty();
	}

	private static void assertInvalidToken(HttpResponse<String> response) {
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("WWW-Authenticate"))
			.hasValueSatisfying((challenge) -> assertThat(challenge).startsWith("Bearer error=\"invalid_token\""));
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		JsonNode body = ApiClient.json(response);
		assertThat(body.get("status").asInt()).isEqualTo(401);
		assertThat(response.body()).doesNotContain("Exception").doesNotContain("at org.");
	}

}
