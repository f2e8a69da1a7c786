package dev.baton.resource.notes;

import java.time.Instant;

/** A note of one subject. */
public record Note(String id, String text, Instant createdAt) {
}
