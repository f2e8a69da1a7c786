package dev.baton.auth.architecture.cyclic.b;

import dev.baton.auth.architecture.cyclic.a.Upper;

/** The other half of the deliberate package cycle: it points back up. */
public class Lower {

	public Upper upper() {
		return new Upper();
	}

}
