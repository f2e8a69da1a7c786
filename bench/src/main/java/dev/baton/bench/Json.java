package dev.baton.bench;

/**
 * Reads one string field of a flat JSON object: enough for token responses, no JSON
 * library on the hot path.
 */
final class Json {

	private Json() {
	}

	static String stringField(String json, String name) {
		String key = "\"" + name + "\"";
		int at = json.indexOf(key);
		if (at < 0) {
			return null;
		}
		int colon = json.indexOf(':', at + key.length());
		int start = json.indexOf('"', colon + 1);
		int end = json.indexOf('"', start + 1);
		return (colon < 0 || start < 0 || end < 0) ? null : json.substring(start + 1, end);
	}

}
