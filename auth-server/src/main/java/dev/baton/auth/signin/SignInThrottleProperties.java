package dev.baton.auth.signin;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Brute-force protection ({@code baton.sign-in.*}). After {@code accountThreshold} failures for one username (or
 * {@code ipThreshold} from one IP) sign-ins are refused for {@code initialLock}, doubling with every further
 * failure up to {@code maxLock}; a key with no failure for {@code resetAfter} starts over.
 * {@code registrationIpThreshold} bounds how many taken usernames one IP may probe through registration.
 * @param accountThreshold failed sign-ins for one username before it is locked
 * @param ipThreshold failed sign-ins from one IP before it is locked
 * @param registrationIpThreshold taken usernames one IP may probe through registration before it is refused
 * @param initialLock the first lock; each further failure doubles it
 * @param maxLock the longest lock
 * @param resetAfter a username or IP without a failure for this long starts over
 */
@ConfigurationProperties("baton.sign-in")
public record SignInThrottleProperties(@DefaultValue("5") int accountThreshold, @DefaultValue("20") int ipThreshold,
		@DefaultValue("10") int registrationIpThreshold, @DefaultValue("PT30S") Duration initialLock,
		@DefaultValue("PT15M") Duration maxLock, @DefaultValue("PT1H") Duration resetAfter) {

}
