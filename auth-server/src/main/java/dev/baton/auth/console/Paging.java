package dev.baton.auth.console;

/**
 * Where a console list stands: the zero-based page, and whether there are pages before
 * and after it.
 */
public record Paging(int page, int size, long total) {

	static Paging of(int page, int size, long total) {
		return new Paging(page, size, total);
	}

	public boolean hasPrevious() {
		return this.page > 0;
	}

	public boolean hasNext() {
		return (long) (this.page + 1) * this.size < this.total;
	}

	public long pages() {
		return Math.max(1, (this.total + this.size - 1) / this.size);
	}

}
