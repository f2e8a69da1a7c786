package dev.baton.auth.signin;

import java.time.Instant;

/**
 * The attempts counted against one key: how many, when the latest was, and until when
 * they lock the key ({@code null}: not locked).
 */
record FailureCount(int failures, Instant lastFailureAt, Instant lockedUntil) {

}
