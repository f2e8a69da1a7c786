package dev.baton.auth.support;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class IpAddressesTests {

	@Test
	void literalOrNullWhenIpLiteralThenKeptAsGiven() {
		assertThat(IpAddresses.literalOrNull("203.0.113.7")).isEqualTo("203.0.113.7");
		assertThat(IpAddresses.literalOrNull("2001:db8::1")).isEqualTo("2001:db8::1");
		assertThat(IpAddresses.literalOrNull("[2001:db8::1]")).isEqualTo("2001:db8::1");
		assertThat(IpAddresses.literalOrNull("::ffff:192.0.2.1")).isEqualTo("::ffff:192.0.2.1");
	}

	@Test
	void literalOrNullWhenAnythingElseThenNull() {
		assertThat(IpAddresses.literalOrNull(null)).isNull();
		assertThat(IpAddresses.literalOrNull("not-an-ip<script>")).isNull();
		assertThat(IpAddresses.literalOrNull("example.com")).isNull();
		assertThat(IpAddresses.literalOrNull("256.1.1.1")).isNull();
		assertThat(IpAddresses.literalOrNull("1.2.3")).isNull();
		assertThat(IpAddresses.literalOrNull("203.0.113.7, 10.0.0.1")).isNull();
		assertThat(IpAddresses.literalOrNull("fe80::1%eth0")).isNull();
		assertThat(IpAddresses.literalOrNull("::::")).isNull();
	}

}
