package dev.baton.auth.testsupport;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.baton.auth.BatonAuthServerApplication;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Several auth-server nodes in this JVM on one {@link TestDatabase}, started at the same
 * moment (so they race on an empty database like nodes of a fresh installation), each on
 * its own random port, sharing one key-encryption key and one {@link MutableClock}. The
 * test closes them.
 */
public final class BatonNodes implements AutoCloseable {

	private final List<ConfigurableApplicationContext> contexts;

	private BatonNodes(List<ConfigurableApplicationContext> contexts) {
		this.contexts = contexts;
	}

	/**
	 * Starts {@code count} nodes at once.
	 * @param sources configuration added to each node (test hooks), after the
	 * application's own
	 * @param arguments more {@code --name=value} arguments for every node (a
	 * {@code --baton.keys.encryption-key} among them replaces the random one, so nodes
	 * started later can open the keys)
	 */
	public static BatonNodes start(TestDatabase database, MutableClock clock, int count, List<Class<?>> sources,
			String... arguments) throws Exception {
		List<String> common = new ArrayList<>();
		database.properties().forEach((name, value) -> common.add("--" + name + "=" + value));
		common.add("--server.port=0");
		common.add("--server.address=127.0.0.1");
		if (List.of(arguments).stream().noneMatch((argument) -> argument.startsWith("--baton.keys.encryption-key="))) {
			common.add("--baton.keys.encryption-key=" + randomKey());
		}
		common.addAll(List.of(arguments));
		List<Class<?>> allSources = new ArrayList<>();
		allSources.add(BatonAuthServerApplication.class);
		allSources.addAll(sources);
		ExecutorService executor = Executors.newFixedThreadPool(count);
		List<ConfigurableApplicationContext> started = new ArrayList<>();
		try {
			CyclicBarrier together = new CyclicBarrier(count);
			List<Future<ConfigurableApplicationContext>> futures = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				futures.add(executor.submit(() -> {
					together.await();
					return keepingJvmLogging(new SpringApplicationBuilder(allSources.toArray(Class<?>[]::new))
						.initializers((context) -> context.getBeanFactory().registerSingleton("clock", clock)))
						.run(common.toArray(String[]::new));
				}));
			}
			for (Future<ConfigurableApplicationContext> future : futures) {
				started.add(future.get(3, TimeUnit.MINUTES));
			}
			return new BatonNodes(List.copyOf(started));
		}
		catch (Exception ex) {
			started.forEach(ConfigurableApplicationContext::close);
			throw ex;
		}
		finally {
			executor.shutdownNow();
		}
	}

	/**
	 * Logging is one per JVM: applications initializing it at the same instant reset each
	 * other's logger context ("Unable to find Spring Environment in logger context"). A
	 * node started this way keeps the logging the test JVM already has.
	 */
	public static SpringApplicationBuilder keepingJvmLogging(SpringApplicationBuilder builder) {
		SpringApplication application = builder.application();
		application.setListeners(application.getListeners()
			.stream()
			.filter((listener) -> !(listener instanceof LoggingApplicationListener))
			.toList());
		return builder;
	}

	public int size() {
		return this.contexts.size();
	}

	public ConfigurableApplicationContext node(int index) {
		return this.contexts.get(index);
	}

	public <T> T bean(int index, Class<T> type) {
		return node(index).getBean(type);
	}

	public BatonHttpClient client(int index) {
		return new BatonHttpClient(
				"http://127.0.0.1:" + node(index).getEnvironment().getRequiredProperty("local.server.port"));
	}

	@Override
	public void close() {
		this.contexts.forEach(ConfigurableApplicationContext::close);
	}

	public static String randomKey() {
		byte[] key = new byte[32];
		new SecureRandom().nextBytes(key);
		return Base64.getEncoder().encodeToString(key);
	}

}
