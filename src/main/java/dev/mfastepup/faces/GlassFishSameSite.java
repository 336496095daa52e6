package dev.mfastepup.faces;

import jakarta.servlet.SessionCookieConfig;
import java.lang.reflect.Method;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one server adapter of the pages: the session cookie's {@code SameSite} on Payara 6 and GlassFish. These
 * servers write it from a setting of their own ({@code cookieSameSite} in {@code payara-web.xml} or
 * {@code glassfish-web.xml}) and ignore the Servlet 6.0 attribute; their {@code SessionCookieConfig} has public
 * {@code getSameSite()} and {@code setSameSite(String)} for it. The methods are looked up by name, so that no
 * server class is needed at compile time, and on servers without them (WildFly, Open Liberty, Payara 7, which
 * honour the attribute) nothing happens.
 *
 * <p>Tested on its server by {@code SecureRequestIT} (the cookie Payara writes) and without one by
 * {@code MfaPagesInitializerTest}.
 */
final class GlassFishSameSite {

    private static final Logger logger = Logger.getLogger(GlassFishSameSite.class.getName());

    private GlassFishSameSite() {
    }

    /**
     * Reads the server's own value.
     *
     * @param cookie the session cookie's configuration.
     * @return the value, or {@code null} when the server has none or no such setting.
     */
    static String read(SessionCookieConfig cookie) {
        Object value = invoke(cookie, "getSameSite");
        return value == null ? null : value.toString();
    }

    /**
     * Sets the server's own value, where the server has such a setting.
     *
     * @param cookie the session cookie's configuration.
     * @param value the {@code SameSite} value.
     */
    static void write(SessionCookieConfig cookie, String value) {
        invoke(cookie, "setSameSite", value);
    }

    private static Object invoke(SessionCookieConfig cookie, String name, String... argument) {
        try {
            Method method = argument.length == 0 ? cookie.getClass().getMethod(name)
                    : cookie.getClass().getMethod(name, String.class);
            return method.invoke(cookie, (Object[]) argument);
        } catch (NoSuchMethodException notThisServer) {
            return null;
        } catch (ReflectiveOperationException | RuntimeException e) {
            logger.log(Level.WARNING, "Could not use the server''s own SameSite setting of the session cookie: {0}",
                    e.toString());
            return null;
        }
    }
}
