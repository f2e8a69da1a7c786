package dev.baton.resource.notes;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The caller's notes: {@code GET /api/notes} needs scope {@code notes.read},
 * {@code POST /api/notes} scope {@code notes.write} (enforced by the security chain).
 * Notes belong to the token's subject.
 */
@RestController
class NotesController {

	private final NoteBook noteBook;

	NotesController(NoteBook noteBook) {
		this.noteBook = noteBook;
	}

	@GetMapping("/api/notes")
	List<Note> notes(@AuthenticationPrincipal Jwt token) {
		return this.noteBook.notesOf(token.getSubject());
	}

	@PostMapping("/api/notes")
	ResponseEntity<?> add(@AuthenticationPrincipal Jwt token, @RequestBody NewNote body) {
		String text = (body != null) ? body.text() : null;
		if (text == null || text.isBlank() || text.length() > NoteBook.MAX_TEXT_LENGTH) {
			return problem(HttpStatus.BAD_REQUEST,
					"A note needs a non-blank text of at most " + NoteBook.MAX_TEXT_LENGTH + " characters.");
		}
		return this.noteBook.add(token.getSubject(), text)
			.<ResponseEntity<?>>map((note) -> ResponseEntity.status(HttpStatus.CREATED).body(note))
			.orElseGet(() -> problem(HttpStatus.CONFLICT,
					"You already have " + NoteBook.MAX_NOTES_PER_SUBJECT + " notes, the most this demo keeps."));
	}

	private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String detail) {
		return ResponseEntity.status(status).body(ProblemDetail.forStatusAndDetail(status, detail));
	}

}
