package dev.baton.auth.client;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Baton's registered clients. The defaults serve read-only test doubles; {@link JdbcClientRepository} implements
 * every method with its own SQL.
 */
public interface ClientRepository {

	/** @throws org.springframework.dao.DuplicateKeyException when the {@code client_id} is taken */
	void insert(Client client);

	Optional<Client> findByClientId(String clientId);

	Optional<Client> findById(String id);

	List<Client> findAll();

	/** One page of clients ordered by {@code client_id}. */
	default List<Client> findPage(int page, int size) {
		return findAll().stream().skip((long) page * size).limit(size).toList();
	}

	default long count() {
		return findAll().size();
	}

	/** How many clients are registered with the scope, e.g. whether an admin client exists. */
	default long countWithScope(String scope) {
		return findAll().stream().filter((client) -> client.scopes().contains(scope)).count();
	}

	/**
	 * Replaces every stored value of the client with {@code client}'s (the {@code client_id}, internal id and
	 * registration time stay), provided nobody changed it since {@code client.version()} was read; the version
	 * then goes up by one.
	 * @return whether the row was updated (false: deleted or changed meanwhile)
	 */
	default boolean update(Client client, Instant now) {
		throw new UnsupportedOperationException("This client repository is read-only");
	}

	/** @return whether a client was deleted; its codes and token families go with it (foreign keys cascade) */
	default boolean delete(String clientId) {
		throw new UnsupportedOperationException("This client repository is read-only");
	}

}
