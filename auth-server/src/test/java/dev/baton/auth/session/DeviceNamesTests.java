package dev.baton.auth.session;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DeviceNamesTests {

	@Test
	void describeWhenDesktopBrowsersThenProgramAndSystem() {
		assertThat(DeviceNames.describe("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
				+ "Chrome/130.0.0.0 Safari/537.36"))
			.isEqualTo("Chrome on Linux");
		assertThat(DeviceNames
			.describe("Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 " + "Firefox/133.0"))
			.isEqualTo("Firefox on Windows");
		assertThat(DeviceNames.describe("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like "
				+ "Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0"))
			.isEqualTo("Edge on Windows");
	}

	@Test
	void describeWhenMobileThenDevice() {
		assertThat(DeviceNames.describe("Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
				+ "(KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1"))
			.isEqualTo("Safari on iPhone");
		assertThat(DeviceNames.describe("okhttp/4.12.0")).isEqualTo("Android app");
	}

	@Test
	void describeWhenToolsOrUnknownThenNamedPlainly() {
		assertThat(DeviceNames.describe("curl/8.5.0")).isEqualTo("curl");
		assertThat(DeviceNames.describe("Java-http-client/17.0.12")).isEqualTo("Java HTTP client");
		assertThat(DeviceNames.describe("NotesSync/2.1 (build 44)")).isEqualTo("NotesSync");
		assertThat(DeviceNames.describe(null)).isEqualTo("Unknown device");
		assertThat(DeviceNames.describe("  ")).isEqualTo("Unknown device");
	}

}
