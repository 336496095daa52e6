package dev.mfastepup.emulator;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/**
 * The JAX-RS application at the WAR's root, so that Auth0's paths ({@code /oauth/token}, {@code /mfa/...}) sit
 * right below the tenant's base URL.
 */
@ApplicationPath("/")
public class EmulatorApplication extends Application {
}
