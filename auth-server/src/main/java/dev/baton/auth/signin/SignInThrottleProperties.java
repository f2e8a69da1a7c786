package dev.baton.auth.signin;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Brute-force protection ({@code baton.sign-in.*}). After {@code accountThreshold} failures for one username (or
 * {@code ipThreshold} from one IP) sign-ins are refused for {@code initialLock}, doubling with every further
 * failure up to {@code maxLock}; a key with no failure for {@code resetAfter} starts over.
 * {@code registrationIpThreshold} bounds how many taken usernames one IP may probe through registration.
 */
@ConfigurationProperties("baton.sign-in")
public record SignInThrottleProperties(@DefaultValue("5") int accountThreshold, @DefaultValue("20") int ipThreshold,
		@DefaultValue("10") int registrationIpThreshold, @DefaultValue("PT30S") Duration initialLock,
		@DefaultValue("PT15M") Duration maxLock, @DefaultValue("PT1H") Duration resetAfter) {

}
