// The page's only script. It calls this app's own /api/notes with the session cookie (sent by the browser, never
// readable here) and echoes the CSRF cookie in the X-XSRF-TOKEN header for writes. It never sees an OAuth token:
// the app attaches the access token on the server side.
'use strict';

(function () {
	const notesList = document.getElementById('notes');
	if (!notesList) {
		return; // signed out: nothing to load
	}
	const status = document.getElementById('notes-status');
	const form = document.getElementById('new-note');
	const text = document.getElementById('note-text');

	function csrfToken() {
		const cookie = document.cookie.split('; ').find((c) => c.startsWith('XSRF-TOKEN='));
		return cookie ? decodeURIComponent(cookie.substring('XSRF-TOKEN='.length)) : '';
	}

	function sessionEnded() {
		document.getElementById('signed-in-view').hidden = true;
		document.getElementById('session-ended').hidden = false;
	}

	async function call(method, body) {
		const headers = { 'Accept': 'application/json' };
		if (body !== undefined) {
			headers['Content-Type'] = 'application/json';
			headers['X-XSRF-TOKEN'] = csrfToken();
		}
		const response = await fetch('/api/notes', {
			method: method, headers: headers, credentials: 'same-origin',
			body: (body !== undefined) ? JSON.stringify(body) : undefined
		});
		if (response.status === 401) {
			sessionEnded();
			throw new Error('signed out');
		}
		return response;
	}

	function show(notes) {
		notesList.replaceChildren(...notes.map((note) => {
			const item = document.createElement('li');
			item.className = 'note';
			item.textContent = note.text;
			return item;
		}));
		status.textContent = notes.length ? notes.length + ' note(s)' : 'No notes yet.';
		status.className = '';
	}

	async function load() {
		const response = await call('GET');
		if (!response.ok) {
			status.textContent = 'The notes API answered ' + response.status + '.';
			status.className = 'error';
			return;
		}
		show(await response.json());
	}

	async function add() {
		const response = await call('POST', { text: text.value });
		if (response.ok) {
			text.value = '';
			await load();
		}
		else {
			status.textContent = 'Not saved: the notes API answered ' + response.status + '.';
			status.className = 'error';
		}
	}

	form.addEventListener('submit', (event) => {
		event.preventDefault();
		add().catch(() => {});
	});

	load().catch(() => {});
})();
