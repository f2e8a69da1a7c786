package dev.baton.auth.accounts;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium for the browser tests: each {@link #start()} is a fresh
 * browser profile (a device of its own); {@link #close()} quits them all and deletes
 * their profiles. Without Chromium a test is skipped with a visible message, or fails
 * when {@code BATON_REQUIRE_BROWSER=true} (CI).
 */
final class HeadlessChromium implements AutoCloseable {

	private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	private static final Duration PAGE_WAIT = Duration.ofSeconds(15);

	private final List<WebDriver> drivers = new ArrayList<>();

	private final List<Path> profiles = new ArrayList<>();

	/**
	 * Skips (or, in CI, fails) the calling test class when Chromium or its driver is
	 * missing.
	 */
	static void require(String what) {
		if (Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER)) {
			return;
		}
		String message = "Chromium or chromedriver is missing (/usr/bin/chromium, /usr/bin/chromedriver): "
				+ "install them with `apt-get install chromium chromium-driver` (.ci/ensure-chromium)";
		if (Boolean.parseBoolean(System.getenv("BATON_REQUIRE_BROWSER"))) {
			throw new IllegalStateException(message + "; BATON_REQUIRE_BROWSER=true");
		}
		System.out.println("SKIPPED " + what + ": " + message);
		Assumptions.abort(message);
	}

	/**
	 * The element once the page shows it. A click that submits a form or follows a link
	 * returns before the next page has loaded: reading at once would read the page still
	 * shown.
	 */
	static WebElement awaitElement(WebDriver driver, By locator) {
		return new WebDriverWait(driver, PAGE_WAIT)
			.until((d) -> d.findElements(locator).stream().findFirst().orElse(null));
	}

	/** Fills in and submits Baton's sign-in form on the current page. */
	static void signIn(WebDriver driver, String username, String password) {
		driver.findElement(By.id("username")).sendKeys(username);
		driver.findElement(By.id("password")).sendKeys(password);
		driver.findElement(By.id("sign-in")).click();
	}

	WebDriver start() throws IOException {
		System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
		Path profile = Files.createTempDirectory("baton-chromium-");
		this.profiles.add(profile);
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
				"--disable-dev-shm-usage", "--window-size=1200,800", "--user-data-dir=" + profile);
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.build();
		ChromeDriver driver = new ChromeDriver(service, options);
		driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
		this.drivers.add(driver);
		return driver;
	}

	@Override
	public void close() throws IOException {
		for (WebDriver driver : this.drivers) {
			driver.quit();
		}
		this.drivers.clear();
		for (Path profile : this.profiles) {
			try (var files = Files.walk(profile)) {
				files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
			}
		}
		this.profiles.clear();
	}

}
