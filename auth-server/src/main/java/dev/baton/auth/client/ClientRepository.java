package dev.baton.auth.client;

import java.util.List;
import java.util.Optional;

/** Baton's registered clients. */
public interface ClientRepository {

	void insert(Client client);

	Optional<Client> findByClientId(String clientId);

	Optional<Client> findById(String id);

	List<Client> findAll();

}
