package dev.baton.auth.client.file;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.baton.auth.client.ClientActor;
import dev.baton.auth.client.ClientMetadata;
import dev.baton.auth.client.ClientOutcome;
import dev.baton.auth.client.ClientRegistry;
import dev.baton.auth.client.ClientRegistryProperties;
import dev.baton.auth.database.TransactionRetry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies the clients files at every start, before Baton serves requests: those shipped
 * with Baton ({@link ShippedClientsFile} beans, e.g. the demo's in demo mode) and then
 * the operator's {@code baton.clients.file}. Each listed client is created, or updated to
 * what the file says; {@code delete: true} deletes one; clients the files do not mention
 * stay as they are. Then, if still no admin client exists, {@link AdminClientBootstrap}.
 * <p>
 * All of it runs in one transaction holding the {@code clients_file_lock} row: nodes
 * starting at once take turns, the first writes and the others find every client up to
 * date (nothing written, nothing audited). An invalid file writes nothing and stops the
 * start ({@link InvalidClientsFileException}). A lost race (a deadlock, a Galera
 * certification failure, a client another starting node inserted first) is run again
 * ({@link TransactionRetry}).
 */
@Component
class ClientsFileApplier implements SmartInitializingSingleton {

	private static final Logger logger = LoggerFactory.getLogger(ClientsFileApplier.class);

	private final ClientRegistry registry;

	private final ClientRegistryProperties properties;

	private final AdminClientBootstrap bootstrap;

	private final JdbcClientsFileLock lock;

	private final TransactionTemplate transaction;

	private final Environment environment;

	private final Clock clock;

	private final List<ShippedClientsFile> shipped;

	private final TransactionRetry retry;

	ClientsFileApplier(ClientRegistry registry, ClientRegistryProperties properties, AdminClientBootstrap bootstrap,
			JdbcClientsFileLock lock, TransactionTemplate transaction, Environment environment, Clock clock,
			ObjectProvider<ShippedClientsFile> shipped, TransactionRetry retry) {
		this.retry = retry;
		this.shipped = shipped.orderedStream().toList();
		this.registry = registry;
		this.properties = properties;
		this.bootstrap = bootstrap;
		this.lock = lock;
		this.transaction = transaction;
		this.environment = environment;
		this.clock = clock;
	}

	@Override
	public void afterSingletonsInstantiated() {
		List<Source> sources = new ArrayList<>();
		for (ShippedClientsFile file : this.shipped) {
			String name = "classpath:" + file.location();
			sources.add(new Source(name, ClientsFile.parse(name, open(new ClassPathResource(file.location())),
					this.environment::getProperty)));
		}
		if (this.properties.hasFile()) {
			Path path = Path.of(this.properties.file());
			sources.add(new Source(path.toString(),
					ClientsFile.parse(path.toString(), open(path), this.environment::getProperty)));
		}
		this.retry.runInsertingIfMissing("applying the clients files", () -> {
			this.transaction.executeWithoutResult((status) -> applyLocked(sources));
			return null;
		});
	}

	private void applyLocked(List<Source> sources) {
		this.lock.lock();
		for (Source source : sources) {
			apply(source);
		}
		this.bootstrap.ensureAdminClient();
		this.lock.markApplied(this.clock.instant());
	}

	private void apply(Source source) {
		ClientActor actor = ClientActor.system(ClientActor.CLIENTS_FILE);
		List<InvalidClientsFileException.Problem> problems = new ArrayList<>(source.file().problems());
		int created = 0;
		int updated = 0;
		int deleted = 0;
		int unchanged = 0;
		for (ClientsFile.Entry entry : source.file().entries()) {
			if (!entry.errors().isEmpty()) {
				String existing = this.registry.find(entry.clientId()).isPresent() ? entry.clientId() : null;
				Map<String, String> all = entry.delete() ? entry.errors()
						: this.registry.problems(entry.metadata(), existing, entry.errors());
				all.forEach((field, message) -> problems
					.add(new InvalidClientsFileException.Problem(entry.label(), field, message)));
				continue;
			}
			boolean isPublic = "none".equals(entry.metadata().tokenEndpointAuthMethod());
			if (isPublic && entry.secretHash() != null) {
				problems.add(new InvalidClientsFileException.Problem(entry.label(), ClientMetadata.CLIENT_SECRET,
						"a public client (token_endpoint_auth_method none) has no secret"));
				continue;
			}
			ClientOutcome outcome;
			if (entry.delete()) {
				outcome = this.registry.delete(entry.clientId(), actor);
			}
			else if (this.registry.find(entry.clientId()).isPresent()) {
				outcome = this.registry.replace(entry.clientId(), entry.metadata(), entry.secretHash(), actor);
			}
			else if (!isPublic && entry.secretHash() == null) {
				problems.add(new InvalidClientsFileException.Problem(entry.label(), ClientMetadata.CLIENT_SECRET,
						"is required for a new confidential client: ${VARIABLE} or a {sha256} hash"));
				continue;
			}
			else {
				outcome = this.registry.create(entry.metadata(), entry.secretHash(), actor);
			}
			if (outcome instanceof ClientOutcome.Created) {
				created++;
			}
			else if (outcome instanceof ClientOutcome.Updated) {
				updated++;
			}
			else if (outcome instanceof ClientOutcome.Deleted) {
				deleted++;
			}
			else if (outcome instanceof ClientOutcome.Unchanged || outcome instanceof ClientOutcome.NotFound) {
				unchanged++;
			}
			else if (outcome instanceof ClientOutcome.Invalid invalid) {
				invalid.errors()
					.forEach((field, message) -> problems
						.add(new InvalidClientsFileException.Problem(entry.label(), field, message)));
			}
			else if (outcome instanceof ClientOutcome.Conflict conflict) {
				problems.add(new InvalidClientsFileException.Problem(entry.label(), null, conflict.reason()));
			}
			else {
				// AlreadyExists: another node created it between our read and insert; the
				// retry sees it
				throw new DuplicateKeyException("Client " + entry.clientId() + " was created concurrently");
			}
		}
		if (!problems.isEmpty()) {
			throw new InvalidClientsFileException(source.name(), problems);
		}
		logger.info("Applied clients file {}: {} created, {} updated, {} deleted, {} unchanged", source.name(), created,
				updated, deleted, unchanged);
	}

	private static InputStream open(Path path) {
		try {
			return Files.newInputStream(path);
		}
		catch (NoSuchFileException ex) {
			throw new InvalidClientsFileException(path.toString(),
					List.of(new InvalidClientsFileException.Problem(null, null, "does not exist")));
		}
		catch (IOException ex) {
			throw new InvalidClientsFileException(path.toString(), List
				.of(new InvalidClientsFileException.Problem(null, null, "cannot be read (" + ex.getMessage() + ")")));
		}
	}

	private static InputStream open(ClassPathResource resource) {
		try {
			return resource.getInputStream();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("A shipped clients file is missing from the jar: " + resource.getPath(), ex);
		}
	}

	private record Source(String name, ClientsFile file) {
	}

}
