package dev.baton.resource.notes;

/** The body of {@code POST /api/notes}. */
record NewNote(String text) {
}
