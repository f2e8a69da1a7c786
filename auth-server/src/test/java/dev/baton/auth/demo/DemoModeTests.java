package dev.baton.auth.demo;

import org.junit.jupiter.api.Test;

import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class DemoModeTests {

	@Test
	void isOnWhenNotGivenAndLoopbackOnlyThenOn() {
		assertThat(DemoMode.isOn(new MockEnvironment().withProperty("server.address", "127.0.0.1"))).isTrue();
		assertThat(DemoMode.isOn(new MockEnvironment().withProperty("server.address", "::1"))).isTrue();
		assertThat(DemoMode.isOn(new MockEnvironment().withProperty("server.address", "localhost"))).isTrue();
	}

	@Test
	void isOnWhenNotGivenAndReachableFromTheNetworkThenOff() {
		assertThat(DemoMode.isOn(new MockEnvironment().withProperty("server.address", "0.0.0.0"))).isFalse();
		assertThat(DemoMode.isOn(new MockEnvironment().withProperty("server.address", "192.0.2.10"))).isFalse();
		assertThat(DemoMode.isOn(new MockEnvironment())).as("no address: every interface").isFalse();
	}

	@Test
	void isOnWhenGivenExplicitlyThenAsGiven() {
		assertThat(DemoMode.isOn(new MockEnvironment().withProperty("server.address", "0.0.0.0")
			.withProperty("baton.demo.enabled", "true"))).isTrue();
		assertThat(DemoMode.isOn(new MockEnvironment().withProperty("server.address", "127.0.0.1")
			.withProperty("baton.demo.enabled", "false"))).isFalse();
	}

}
