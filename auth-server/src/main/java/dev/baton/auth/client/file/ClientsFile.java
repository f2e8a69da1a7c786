package dev.baton.auth.client.file;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.baton.auth.client.ClientMetadata;
import dev.baton.auth.client.ClientMetadataReader;
import dev.baton.auth.client.ClientSecretEncoder;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * A parsed clients file: YAML with a top-level {@code clients:} list, each entry a client
 * in the admin API's field names (RFC 7591 metadata plus Baton's settings), plus:
 * <ul>
 * <li>{@code client_secret}: {@code ${VARIABLE}}, the name of an environment variable
 * holding the secret (at least {@value #MIN_SECRET_LENGTH} characters), or a ready
 * {@code {sha256}…} hash; never the secret itself;
 * <li>{@code delete: true} (with only {@code client_id}): delete that client. Clients the
 * file does not mention are never touched.
 * </ul>
 * Every problem of every entry is collected (the entry keeps its own, for the applier to
 * add what validation finds), so one failed start names all of them.
 */
final class ClientsFile {

	static final String CLIENTS = "clients";

	static final String DELETE = "delete";

	static final int MIN_SECRET_LENGTH = 32;

	private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

	private final List<Entry> entries;

	private final List<InvalidClientsFileException.Problem> problems;

	private ClientsFile(List<Entry> entries, List<InvalidClientsFileException.Problem> problems) {
		this.entries = entries;
		this.problems = problems;
	}

	List<Entry> entries() {
		return this.entries;
	}

	/**
	 * Problems that belong to no entry's fields: unknown top-level keys, entries without
	 * id, repeated ids.
	 */
	List<InvalidClientsFileException.Problem> problems() {
		return this.problems;
	}

	/**
	 * @param name how the file is named in messages
	 * @param environment looks up {@code ${VARIABLE}} placeholders (the process
	 * environment)
	 * @throws InvalidClientsFileException when the file cannot be read as a clients file
	 * at all
	 */
	static ClientsFile parse(String name, InputStream content, Function<String, String> environment) {
		Object document;
		try (content) {
			LoaderOptions options = new LoaderOptions();
			options.setAllowDuplicateKeys(false);
			options.setMaxAliasesForCollections(20);
			options.setCodePointLimit(1024 * 1024);
			document = new Yaml(new SafeConstructor(options))
				.load(new String(content.readAllBytes(), StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw invalid(name, null, null, "cannot be read (" + ex.getMessage() + ")");
		}
		catch (YAMLException ex) {
			throw invalid(name, null, null, "is not valid YAML: " + firstLine(ex.getMessage()));
		}
		if (!(document instanceof Map<?, ?> top) || !(top.get(CLIENTS) instanceof List<?> list)) {
			throw invalid(name, null, null, "must have a top-level 'clients:' list");
		}
		List<InvalidClientsFileException.Problem> problems = new ArrayList<>();
		top.keySet()
			.stream()
			.filter((key) -> !CLIENTS.equals(key))
			.forEach((key) -> problems.add(new InvalidClientsFileException.Problem(null, String.valueOf(key),
					"is not a top-level key of a clients file (only 'clients')")));
		List<Entry> entries = new ArrayList<>();
		Set<String> seen = new HashSet<>();
		for (int i = 0; i < list.size(); i++) {
			Entry entry = entry(i, list.get(i), environment, problems);
			if (entry != null && !seen.add(entry.clientId())) {
				problems.add(new InvalidClientsFileException.Problem(label(i, entry.clientId()),
						ClientMetadata.CLIENT_ID, "appears more than once"));
			}
			else if (entry != null) {
				entries.add(entry);
			}
		}
		return new ClientsFile(entries, problems);
	}

	private static Entry entry(int index, Object item, Function<String, String> environment,
			List<InvalidClientsFileException.Problem> problems) {
		if (!(item instanceof Map<?, ?> map)) {
			problems
				.add(new InvalidClientsFileException.Problem(label(index, null), null, "must be a mapping of fields"));
			return null;
		}
		Map<String, Object> fields = new LinkedHashMap<>();
		map.forEach((key, value) -> fields.put(String.valueOf(key), value));
		ClientMetadataReader.Result read = ClientMetadataReader.read(fields,
				Set.of(ClientMetadata.CLIENT_SECRET, DELETE), ClientMetadataReader.UnknownFields.REJECT);
		String clientId = read.metadata().clientId();
		String label = label(index, clientId);
		Map<String, String> errors = new LinkedHashMap<>(read.errors());
		if (clientId == null) {
			errors.putIfAbsent(ClientMetadata.CLIENT_ID, "is required in a clients file");
			errors.forEach(
					(field, message) -> problems.add(new InvalidClientsFileException.Problem(label, field, message)));
			return null;
		}
		Object delete = read.extras().get(DELETE);
		if (delete != null && !(delete instanceof Boolean)) {
			errors.put(DELETE, "must be true or false");
		}
		boolean deleting = Boolean.TRUE.equals(delete);
		if (deleting && fields.size() > 2) {
			errors.put(DELETE, "a client to delete names only client_id and delete: true");
		}
		String secretHash = secretHash(read.extras().get(ClientMetadata.CLIENT_SECRET), environment, errors);
		return new Entry(label, clientId, read.metadata(), secretHash, deleting, errors);
	}

	private static String secretHash(Object value, Function<String, String> environment, Map<String, String> errors) {
		if (value == null) {
			return null;
		}
		String text = (value instanceof String string) ? string.trim() : null;
		if (ClientSecretEncoder.isEncoded(text)) {
			return text;
		}
		Matcher placeholder = (text != null) ? PLACEHOLDER.matcher(text) : null;
		if (placeholder == null || !placeholder.matches()) {
			errors.put(ClientMetadata.CLIENT_SECRET, "must be ${VARIABLE} (an environment variable holding the secret) "
					+ "or a {sha256} hash, never the secret itself");
			return null;
		}
		String variable = placeholder.group(1);
		String secret = environment.apply(variable);
		if (secret == null || secret.isEmpty()) {
			errors.put(ClientMetadata.CLIENT_SECRET, "environment variable " + variable + " is not set");
			return null;
		}
		if (secret.length() < MIN_SECRET_LENGTH) {
			errors.put(ClientMetadata.CLIENT_SECRET, "environment variable " + variable + " must hold at least "
					+ MIN_SECRET_LENGTH + " characters (openssl rand -base64 32)");
			return null;
		}
		return new ClientSecretEncoder().encode(secret);
	}

	private static String label(int index, String clientId) {
		return (clientId != null) ? "client '" + clientId + "'" : "client #" + (index + 1) + " (no client_id)";
	}

	private static InvalidClientsFileException invalid(String name, String client, String field, String message) {
		return new InvalidClientsFileException(name,
				List.of(new InvalidClientsFileException.Problem(client, field, message)));
	}

	private static String firstLine(String message) {
		if (message == null) {
			return "";
		}
		String line = message.lines().findFirst().orElse("");
		return (line.length() > 200) ? line.substring(0, 200) : line;
	}

	/**
	 * @param label how messages name the client
	 * @param secretHash the {@code {sha256}} hash of the secret, {@code null} when the
	 * entry gives none
	 * @param errors what is wrong with the entry as written (types, unknown fields,
	 * secret), by field
	 */
	record Entry(String label, String clientId, ClientMetadata metadata, String secretHash, boolean delete,
			Map<String, String> errors) {

		@Override
		public String toString() {
			return "Entry[" + this.clientId + "]";
		}

	}

}
