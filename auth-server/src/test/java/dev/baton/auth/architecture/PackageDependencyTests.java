package dev.baton.auth.architecture;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Package dependencies point down only (docs/DESIGN.md, "Package map"): no two feature
 * packages of the auth server depend on each other, directly or through others. A package
 * counts with its sub-packages.
 */
class PackageDependencyTests {

	private static final String ROOT = "dev.baton.auth.";

	private static final Pattern MAP_ROW = Pattern.compile("(?m)^\\| `([a-z]+)` \\|");

	private static final ArchRule NO_CYCLE_BETWEEN_FEATURES = slices().matching("dev.baton.auth.(*)..")
		.should()
		.beFreeOfCycles();

	@Test
	void featurePackagesFormNoCycle() {
		JavaClasses main = new ClassFileImporter().withImportOption(new ImportOption.DoNotIncludeTests())
			.importPackages("dev.baton.auth");

		NO_CYCLE_BETWEEN_FEATURES.check(main);
	}

	/**
	 * The package map of docs/DESIGN.md lists every package, each above the packages it
	 * uses, so the map a newcomer reads is the one the code follows.
	 */
	@Test
	void designDocumentPackageMapListsEveryPackageAboveThoseItUses() throws IOException {
		List<String> map = packageMap();
		JavaClasses main = new ClassFileImporter().withImportOption(new ImportOption.DoNotIncludeTests())
			.importPackages("dev.baton.auth");
		Set<String> packages = new TreeSet<>();
		Set<String> upward = new TreeSet<>();
		for (JavaClass type : main) {
			String from = feature(type.getPackageName());
			if (from == null) {
				continue;
			}
			packages.add(from);
			for (Dependency dependency : type.getDirectDependenciesFromSelf()) {
				String to = feature(dependency.getTargetClass().getPackageName());
				if (to != null && map.indexOf(from) > map.indexOf(to)) {
					upward.add(from + " -> " + to + " (" + dependency.getDescription() + ")");
				}
			}
		}

		assertThat(map).containsAll(packages);
		assertThat(upward).as("dependencies pointing up the package map").isEmpty();
	}

	/** The rule is not vacuous: two test packages that import each other fail it. */
	@Test
	void ruleFailsOnTwoPackagesThatImportEachOther() {
		JavaClasses cyclic = new ClassFileImporter().importPackages("dev.baton.auth.architecture.cyclic");

		EvaluationResult result = slices().matching("dev.baton.auth.architecture.cyclic.(*)..")
			.should()
			.beFreeOfCycles()
			.evaluate(cyclic);

		assertThat(result.hasViolation()).isTrue();
		assertThat(result.getFailureReport().toString()).contains("Cycle detected");
	}

	/** The packages of the design document's package map, the top one first. */
	private static List<String> packageMap() throws IOException {
		String design = Files.readString(Path.of("..", "docs", "DESIGN.md"), StandardCharsets.UTF_8);
		Matcher row = MAP_ROW.matcher(design.substring(design.indexOf("## 7. Package map")));
		List<String> packages = new ArrayList<>();
		while (row.find()) {
			packages.add(row.group(1));
		}
		return packages;
	}

	/**
	 * {@code client} for {@code dev.baton.auth.client.file}; {@code null} outside the
	 * feature packages.
	 */
	private static String feature(String packageName) {
		if (!packageName.startsWith(ROOT)) {
			return null;
		}
		String rest = packageName.substring(ROOT.length());
		int dot = rest.indexOf('.');
		return (dot < 0) ? rest : rest.substring(0, dot);
	}

}
