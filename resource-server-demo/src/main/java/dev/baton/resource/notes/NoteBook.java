package dev.baton.resource.notes;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

/**
 * Every subject's notes, in memory (the demo keeps no database). Thread-safe: each
 * subject's list is changed only inside {@link ConcurrentHashMap#compute}, and readers
 * get a copy.
 */
@Component
final class NoteBook {

	static final int MAX_NOTES_PER_SUBJECT = 100;

	static final int MAX_TEXT_LENGTH = 1000;

	private final Map<String, List<Note>> notesBySubject = new ConcurrentHashMap<>();

	private final Clock clock;

	NoteBook(Clock clock) {
		this.clock = clock;
	}

	List<Note> notesOf(String subject) {
		List<Note> notes = this.notesBySubject.get(subject);
		if (notes == null) {
			return List.of();
		}
		synchronized (notes) {
			return List.copyOf(notes);
		}
	}

	/**
	 * Adds a note; empty when the subject already has {@value #MAX_NOTES_PER_SUBJECT}.
	 */
	Optional<Note> add(String subject, String text) {
		Note note = new Note(UUID.randomUUID().toString(), text, this.clock.instant());
		boolean[] added = { false };
		this.notesBySubject.compute(subject, (key, notes) -> {
			List<Note> list = (notes != null) ? notes : new ArrayList<>();
			synchronized (list) {
				if (list.size() < MAX_NOTES_PER_SUBJECT) {
					list.add(note);
					added[0] = true;
				}
			}
			return list;
		});
		return added[0] ? Optional.of(note) : Optional.empty();
	}

}
