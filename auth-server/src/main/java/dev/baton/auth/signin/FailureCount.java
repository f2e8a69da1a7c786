package dev.baton.auth.signin;

import java.time.Instant;

/** The failures counted against one key: how many, and when the latest was. */
record FailureCount(int failures, Instant lastFailureAt) {

}
