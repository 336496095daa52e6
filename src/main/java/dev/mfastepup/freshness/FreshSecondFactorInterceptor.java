package dev.mfastepup.freshness;

import dev.mfastepup.config.ModuleClock;
import dev.mfastepup.session.SessionTokenStore;
import dev.mfastepup.token.FreshFactors;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Method;
import java.time.Clock;
import java.time.Duration;

/**
 * Runs a {@link FreshSecondFactor} method only when the session's last second factor is recent enough. Enabled
 * for the whole application by its {@link Priority}, early among the library interceptors, so that nothing of
 * the method (a transaction, a validation) runs before the check.
 *
 * @since 0.2
 */
@FreshSecondFactor
@Interceptor
@Priority(Interceptor.Priority.LIBRARY_BEFORE + 100)
public class FreshSecondFactorInterceptor {

    @Inject
    HttpServletRequest request;

    @Inject
    SessionTokenStore tokens;

    @Inject
    @ModuleClock
    Clock clock;

    /**
     * Checks, then runs the method.
     *
     * @param invocation the call.
     * @return what the method returns.
     * @throws Exception what the method throws.
     * @throws dev.mfastepup.token.InsufficientUserAuthenticationException when the factor is too old.
     */
    @AroundInvoke
    public Object requireFreshFactor(InvocationContext invocation) throws Exception {
        FreshSecondFactor rule = rule(invocation.getMethod());
        if (rule != null) {
            FreshFactors.require(request.getSession(false), tokens, clock.instant(),
                    Duration.ofSeconds(Math.max(0, rule.maxAgeSeconds())), rule.audience(), rule.scope());
        }
        return invocation.proceed();
    }

    /** The method's own annotation, else its class's (or a superclass's: the annotation is inherited). */
    static FreshSecondFactor rule(Method method) {
        FreshSecondFactor own = method.getAnnotation(FreshSecondFactor.class);
        return own != null ? own : method.getDeclaringClass().getAnnotation(FreshSecondFactor.class);
    }
}
