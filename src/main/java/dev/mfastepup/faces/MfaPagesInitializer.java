package dev.mfastepup.faces;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import java.util.EnumSet;
import java.util.Set;

/**
 * Maps {@link MfaRequestGuard} in front of the MFA pages when the application starts. The container finds it in
 * the jar's {@code META-INF/services}, also when the application's {@code web.xml} is {@code metadata-complete}
 * (which turns off annotations and {@code web-fragment.xml}, not initializers), so adding the jar is enough. It
 * also warns about session and Faces settings that put a step-up at risk ({@link DeploymentSettingsCheck}).
 *
 * @since 0.1
 */
public class MfaPagesInitializer implements ServletContainerInitializer {

    /** The URL pattern of the MFA pages. */
    public static final String PAGES_PATTERN = "/mfa/*";

    @Override
    public void onStartup(Set<Class<?>> classes, ServletContext context) {
        FilterRegistration.Dynamic guard = context.addFilter("mfa-stepup-request-guard", MfaRequestGuard.class);
        if (guard != null) {
            // Before the application's own filters: these requests are refused before anything reads them.
            guard.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, PAGES_PATTERN);
        }
        DeploymentSettingsCheck.warn(context);
    }
}
