package dev.baton.auth.architecture.cyclic.a;

import dev.baton.auth.architecture.cyclic.b.Lower;

/** Half of a deliberate package cycle for {@code PackageDependencyTests}. */
public class Upper {

	public Lower lower() {
		return new Lower();
	}

}
