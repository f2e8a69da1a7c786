package dev.baton.auth.signin;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Brute-force protection ({@code baton.sign-in.*}, docs/SECURITY.md). A key is locked
 * once its attempts reach its threshold: for {@code initialLock}, doubling with every
 * further attempt up to {@code maxLock}; a key with no attempt for {@code resetAfter}
 * starts over.
 *
 * @param accountThreshold failed sign-ins for one username from one source (an IP, or a
 * browser the user signed in with before) before that source is locked for that username
 * @param accountCeiling failed sign-ins for one username from all unknown browsers
 * together before the username is locked for every browser it was never signed in with
 * (its known browsers keep their own count)
 * @param ipThreshold failed sign-ins from one IP, whatever the username
 * @param registrationIpThreshold taken usernames one IP may probe through registration
 * @param registrationsPerIp accounts one IP may create before registration from it is
 * locked
 * @param clientThreshold failed client authentications of one client id (any IP) before
 * it is locked
 * @param knownBrowserTtl how long a browser stays known for a user after its last
 * successful sign-in
 * @param initialLock the first lock; each further failure doubles it
 * @param maxLock the longest lock
 * @param resetAfter a key without a failure for this long starts over
 * @param passwordResetsPerAddress password-reset requests for one e-mail address (known
 * or not) before further requests for it are refused for a while
 * @param passwordResetsPerIp password-reset requests from one IP, whatever the address,
 * before it is refused
 */
@ConfigurationProperties("baton.sign-in")
public record SignInThrottleProperties(@DefaultValue("5") int accountThreshold, @DefaultValue("20") int accountCeiling,
		@DefaultValue("20") int ipThreshold, @DefaultValue("10") int registrationIpThreshold,
		@DefaultValue("5") int registrationsPerIp, @DefaultValue("10") int clientThreshold,
		@DefaultValue("PT30S") Duration initialLock, @DefaultValue("PT15M") Duration maxLock,
		@DefaultValue("PT1H") Duration resetAfter, @DefaultValue("P90D") Duration knownBrowserTtl,
		@DefaultValue("3") int passwordResetsPerAddress, @DefaultValue("20") int passwordResetsPerIp) {

}
