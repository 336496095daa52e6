package dev.mfastepup.config;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import jakarta.inject.Qualifier;

/**
 * The {@link java.time.Clock} the module's parts read the time from.
 *
 * <p>A qualifier, so that an application that produces a {@code Clock} bean of its own never makes the module's
 * injection points ambiguous (and never changes the module's time by accident).
 *
 * @since 0.1
 */
@Qualifier
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.FIELD, ElementType.PARAMETER, ElementType.TYPE})
public @interface ModuleClock {
}
