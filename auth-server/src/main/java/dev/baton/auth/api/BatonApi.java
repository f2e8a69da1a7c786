package dev.baton.auth.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a controller of Baton's own JSON APIs ({@code /api/…}): its errors are Problem
 * Details (RFC 9457) written by {@link ApiProblemAdvice}. Protocol endpoints keep the
 * OAuth error format (RFC 6749 §5.2).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface BatonApi {

}
