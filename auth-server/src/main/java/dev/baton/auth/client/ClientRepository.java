package dev.baton.auth.client;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Baton's registered clients. The defaults serve read-only test doubles;
 * {@link JdbcClientRepository} implements every method with its own SQL.
 */
public interface ClientRepository {

	/**
	 * @throws org.springframework.dao.DuplicateKeyException when the {@code client_id} is
	 * taken
	 */
	void insert(Client client);

	Optional<Client> findByClientId(String clientId);

	Optional<Client> findById(String id);

	List<Client> findAll();

	/** One page of clients ordered by {@code client_id}. */
	List<Client> findPage(int page, int size);

	long count();

	/**
	 * How many clients are registered with the scope, e.g. whether an admin client
	 * exists.
	 */
	long countWithScope(String scope);

	/** The client's allowed CORS origins, read alone (empty for an unknown client). */
	Set<String> findAllowedCorsOrigins(String clientId);

	/** Whether some client lists the origin among its allowed CORS origins. */
	boolean existsWithAllowedCorsOrigin(String origin);

	/**
	 * Replaces every stored value of the client with {@code client}'s (the
	 * {@code client_id}, internal id and registration time stay), provided nobody changed
	 * it since {@code client.version()} was read; the version then goes up by one.
	 * @return whether the row was updated (false: deleted or changed meanwhile)
	 */
	boolean update(Client client, Instant now);

	/**
	 * @return whether a client was deleted; its codes and token families go with it
	 * (foreign keys cascade)
	 */
	boolean delete(String clientId);

}
