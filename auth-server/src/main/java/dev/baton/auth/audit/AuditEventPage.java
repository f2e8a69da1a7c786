package dev.baton.auth.audit;

import java.util.List;

/** One page of audit events, newest first. */
public record AuditEventPage(List<AuditEvent> events, int page, int size, long totalElements) {

	public long totalPages() {
		return (this.totalElements + this.size - 1) / this.size;
	}

}
