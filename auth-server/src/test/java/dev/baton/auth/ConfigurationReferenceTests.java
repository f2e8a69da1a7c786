package dev.baton.auth;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The configuration reference stays complete: every {@code baton.*} property in the
 * metadata the build generates ({@code spring-boot-configuration-processor}, from the
 * Javadoc of the {@code @ConfigurationProperties} records and
 * {@code additional-spring-configuration-metadata.json}) has a description and a row in
 * {@code docs/CONFIGURATION.md}.
 */
class ConfigurationReferenceTests {

	@Test
	void metadataWhenBuiltThenEveryBatonPropertyHasADescriptionAndARowInTheReference() throws IOException {
		List<JsonNode> properties = batonProperties();
		String reference = Files.readString(Path.of("..", "docs", "CONFIGURATION.md"), StandardCharsets.UTF_8);

		assertThat(properties).extracting((property) -> property.get("name").asString())
			.contains("baton.issuer", "baton.demo.enabled", "baton.keys.encryption-key", "baton.refresh.grace-window");
		assertThat(properties).allSatisfy((property) -> {
			String name = property.get("name").asString();
			assertThat(property.path("description").asString("")).as("description of %s", name).isNotBlank();
			assertThat(reference).as("docs/CONFIGURATION.md row of %s", name).contains("| `" + name + "` |");
		});
	}

	private static List<JsonNode> batonProperties() throws IOException {
		List<JsonNode> found = new ArrayList<>();
		for (URL url : Collections.list(ConfigurationReferenceTests.class.getClassLoader()
			.getResources("META-INF/spring-configuration-metadata.json"))) {
			try (InputStream in = url.openStream()) {
				for (JsonNode property : JsonMapper.builder().build().readTree(in).path("properties")) {
					if (property.path("name").asString("").startsWith("baton.")) {
						found.add(property);
					}
				}
			}
		}
		return found;
	}

}
