package dev.mfastepup.freshness;

import jakarta.enterprise.util.Nonbinding;
import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Demands a second factor the user gave within the last {@link #maxAgeSeconds()} seconds before a method of a CDI
 * bean runs (a JAX-RS resource that is a CDI bean, a Faces backing bean, a service), even when a token is cached.
 *
 * <pre>
 * &#64;POST
 * &#64;Path("transfer")
 * &#64;FreshSecondFactor(maxAgeSeconds = 300)
 * public Response transfer(Transfer transfer) { ... }
 * </pre>
 *
 * <p>When the last second factor of the session (through the MFA pages or Universal Login) is older, the method
 * does not run: {@link FreshSecondFactorInterceptor} throws
 * {@link dev.mfastepup.token.InsufficientUserAuthenticationException} with this {@code max_age}, and
 * {@code MfaStepUpFilter} sends a page through a step-up and back (Universal Login when it is on, else the MFA
 * pages, see {@code FreshSecondFactorFilter}), or answers an API caller {@code 401} with an RFC 9470 challenge. The action itself is never repeated for the user: after the step-up they do it again. On a
 * class, it applies to every business method; a method's own annotation wins.
 *
 * @since 0.2
 */
@Inherited
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface FreshSecondFactor {

    /**
     * How recent the second factor must be.
     *
     * @return the most seconds since it was given; 300 by default.
     */
    @Nonbinding
    long maxAgeSeconds() default 300;

    /**
     * The audience of the token the step-up gets, when the protected action calls an API with it.
     *
     * @return the audience; empty for none in particular.
     */
    @Nonbinding
    String audience() default "";

    /**
     * The scope of that token.
     *
     * @return the scope; empty for none.
     */
    @Nonbinding
    String scope() default "";
}
