package dev.baton.auth.client;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

/**
 * Reads a request body that must be one JSON object, at most {@value #MAX_BYTES} bytes,
 * with no duplicated member and nothing after it. Anything else is a {@link Problem} for
 * the caller to answer with a 4xx; this never throws on bad input, so a hostile body
 * cannot cause a 5xx.
 */
public final class JsonObjectBody {

	public static final int MAX_BYTES = 64 * 1024;

	private static final JsonMapper JSON = JsonMapper.builder()
		.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
		.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
		.build();

	private JsonObjectBody() {
	}

	/** The body's members, or why it is not usable. */
	public sealed interface Result {

	}

	public record Parsed(Map<String, Object> members) implements Result {
	}

	/**
	 * @param tooLarge whether the body exceeded the limit (413), otherwise it is
	 * malformed (400)
	 */
	public record Problem(boolean tooLarge, String message) implements Result {
	}

	/**
	 * Whether a {@code Content-Type} header names JSON; a malformed header is not JSON
	 * (and no exception).
	 */
	public static boolean isJson(String contentType) {
		if (contentType == null) {
			return false;
		}
		try {
			return MediaType.APPLICATION_JSON.isCompatibleWith(MediaType.parseMediaType(contentType));
		}
		catch (InvalidMediaTypeException ex) {
			return false;
		}
	}

	/**
	 * @param allowEmpty whether an empty body counts as {@code {}}
	 */
	public static Result read(HttpServletRequest request, boolean allowEmpty) {
		if (request.getContentLengthLong() > MAX_BYTES) {
			return new Problem(true, "must be at most " + MAX_BYTES + " bytes");
		}
		byte[] body;
		try (InputStream in = request.getInputStream()) {
			body = in.readNBytes(MAX_BYTES + 1);
		}
		catch (IOException ex) {
			return new Problem(false, "could not be read");
		}
		if (body.length > MAX_BYTES) {
			return new Problem(true, "must be at most " + MAX_BYTES + " bytes");
		}
		if (body.length == 0 || new String(body, StandardCharsets.UTF_8).isBlank()) {
			return allowEmpty ? new Parsed(Map.of()) : new Problem(false, "must be a JSON object");
		}
		try {
			Object value = JSON.readValue(body, Object.class);
			if (!(value instanceof Map<?, ?> map)) {
				return new Problem(false, "must be a JSON object");
			}
			Map<String, Object> members = new LinkedHashMap<>();
			map.forEach((key, member) -> members.put(String.valueOf(key), member));
			return new Parsed(members);
		}
		catch (JacksonException ex) {
			return new Problem(false, "is not valid JSON (or repeats a member)");
		}
	}

}
