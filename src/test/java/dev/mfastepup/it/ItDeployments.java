package dev.mfastepup.it;

import com.nimbusds.jose.JWEObject;
import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * Builds the test WAR: {@link StepUpTestServlet}, an annotated {@code beans.xml}, a
 * {@code microprofile-config.properties}, and in {@code WEB-INF/lib} the library jar exactly as Maven packaged it
 * (system property {@value #PROPERTY_LIBRARY_JAR}) plus its one runtime dependency, Nimbus JOSE+JWT.
 */
final class ItDeployments {

    /** Undertow's handlers of one application, in its {@code WEB-INF} (WildFly). */
    static final String UNDERTOW_HANDLERS = "undertow-handlers.conf";

    /** Failsafe passes the path of the packaged library jar in this system property. */
    static final String PROPERTY_LIBRARY_JAR = "mfastepup.jar";

    /** A random-looking sealing secret used only by these tests (64 hex digits). */
    static final String SEAL_SECRET = "9c4e1a7f03b85d26e9f14c7a02d8b36f5e17a9c40b2d86f3e1c57a09d4b8e26f";

    static final String DOMAIN = "tenant.example.com";
    static final String CLIENT_ID = "it-client";
    static final String CLIENT_SECRET = "it-client-secret";

    private static final String BEANS_XML = """
            <?xml version="1.0" encoding="UTF-8"?>
            <beans xmlns="https://jakarta.ee/xml/ns/jakartaee"
                   xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                   xsi:schemaLocation="https://jakarta.ee/xml/ns/jakartaee https://jakarta.ee/xml/ns/jakartaee/beans_4_0.xsd"
                   version="4.0" bean-discovery-mode="annotated">
            </beans>
            """;

    /** The test application's own Faces page: an ajax button whose action needs a token. */
    private static final String ORDERS_PAGE = """
            <!DOCTYPE html>
            <html xmlns="http://www.w3.org/1999/xhtml" xmlns:h="jakarta.faces.html" xmlns:f="jakarta.faces.core">
            <h:head><title>Orders</title></h:head>
            <h:body>
                <h:form id="orders">
                    <h:commandButton id="load" value="Load orders" action="#{ordersBean.load}">
                        <f:ajax render="result"/>
                    </h:commandButton>
                    <h:outputText id="result" value="#{ordersBean.result}"/>
                </h:form>
            </h:body>
            </html>
            """;

    /** The page "Cancel" leads to ({@code mfa-stepup.pages.cancel-path}). */
    private static final String CANCELLED_PAGE =
            "<!DOCTYPE html><html lang=\"en\"><body><p id=\"cancelled\">Cancelled</p></body></html>";

    /** A legacy application's web.xml: the one filter mapping the module asks for, and nothing else. */
    private static final String WEB_XML_WITH_FILTER = """
            <?xml version="1.0" encoding="UTF-8"?>
            <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee"
                     xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                     xsi:schemaLocation="https://jakarta.ee/xml/ns/jakartaee https://jakarta.ee/xml/ns/jakartaee/web-app_6_0.xsd"
                     version="6.0">
                <filter>
                    <filter-name>mfa</filter-name>
                    <filter-class>dev.mfastepup.filter.MfaStepUpFilter</filter-class>
                    <init-param><param-name>apiPaths</param-name><param-value>/api/</param-value></init-param>
                </filter>
                <filter-mapping>
                    <filter-name>mfa</filter-name>
                    <url-pattern>/*</url-pattern>
                </filter-mapping>
                <filter>
                    <filter-name>declared-token</filter-name>
                    <filter-class>dev.mfastepup.filter.MfaStepUpFilter</filter-class>
                    <init-param><param-name>audience</param-name><param-value>https://reports.example.com</param-value></init-param>
                    <init-param><param-name>scope</param-name><param-value>read:declared</param-value></init-param>
                </filter>
                <filter-mapping>
                    <filter-name>declared-token</filter-name>
                    <url-pattern>/declared/*</url-pattern>
                </filter-mapping>
            </web-app>
            """;

    private ItDeployments() {
        // static only
    }

    /**
     * Returns the configuration of a well-configured application whose Auth0 is the stub at {@code baseUrl}.
     *
     * @param baseUrl the stub's base URL.
     * @return the MicroProfile Config properties.
     */
    static Properties config(String baseUrl) {
        Properties config = new Properties();
        config.setProperty("mfa-stepup.base-url", baseUrl);
        config.setProperty("mfa-stepup.domain", DOMAIN);
        config.setProperty("mfa-stepup.client-id", CLIENT_ID);
        config.setProperty("mfa-stepup.client-secret", CLIENT_SECRET);
        config.setProperty("mfa-stepup.secret", SEAL_SECRET);
        config.setProperty("mfa-stepup.pages.cancel-path", "/cancelled.html");
        config.setProperty("mfa-stepup.pages.universal-login-url",
                "https://" + DOMAIN + "/authorize?acr_values=http%3A%2F%2Fschemas.openid.net%2Fpape%2Fpolicies%2F2007%2F06%2Fmulti-factor");
        return config;
    }

    /**
     * The configuration for a test that is not about timeouts: a call to Auth0 may take 30 seconds to answer and
     * 60 in all, since the first calls to the stub may be slow on a busy machine.
     *
     * @param baseUrl the stub's base URL.
     * @return the MicroProfile Config properties.
     */
    static Properties unhurriedConfig(String baseUrl) {
        Properties config = config(baseUrl);
        config.setProperty("mfa-stepup.read-timeout-ms", "30000");
        config.setProperty("mfa-stepup.call-deadline-ms", "60000");
        return config;
    }

    /**
     * Builds the WAR.
     *
     * @param name the archive name; the context root is the name without {@code .war}.
     * @param config the MicroProfile Config properties of the application.
     * @return the WAR.
     */
    static WebArchive war(String name, Map<?, ?> config) {
        ServerLog.install();
        createTemporaryDirectory();
        return ShrinkWrap.create(WebArchive.class, name)
                .addClass(StepUpTestServlet.class)
                .addAsWebInfResource(new StringAsset(BEANS_XML), "beans.xml")
                .addAsResource(new StringAsset(properties(config)), "META-INF/microprofile-config.properties")
                .addAsLibrary(libraryJar())
                .addAsLibrary(jarOf(JWEObject.class));
    }

    /**
     * Builds the WAR of a legacy application that added the jar and the filter: {@link ReportsServlet} needs a
     * token, the filter and the bundled pages do the step-up.
     *
     * @param name the archive name; the context root is the name without {@code .war}.
     * @param config the MicroProfile Config properties of the application.
     * @return the WAR.
     */
    static WebArchive pagesWar(String name, Map<?, ?> config) {
        return pagesWar(name, config, WEB_XML_WITH_FILTER);
    }

    /**
     * Builds the WAR of {@link #pagesWar}, marked {@code <distributable/>}: in a cluster, its sessions move
     * between the servers.
     *
     * @param name the archive name; the context root is the name without {@code .war}.
     * @param config the MicroProfile Config properties of the application.
     * @return the WAR.
     */
    static WebArchive distributablePagesWar(String name, Map<?, ?> config) {
        return pagesWar(name, config, WEB_XML_WITH_FILTER.replaceFirst("<filter>", "<distributable/>\n    <filter>"));
    }

    /**
     * Builds the WAR of {@link #pagesWar} whose session cookie has a {@code SameSite} the application chose: in
     * {@code web.xml} ({@code <cookie-config><attribute>}, Servlet 6.0), in {@code payara-web.xml}
     * ({@code cookieSameSite}, which Payara reads instead) and in {@code undertow-handlers.conf} (Undertow's
     * {@code samesite-cookie} handler: WildFly 39 ignores the attribute in {@code web.xml}). Each server ignores the
     * other's file.
     *
     * @param name the archive name; the context root is the name without {@code .war}.
     * @param config the MicroProfile Config properties of the application.
     * @param sameSite the value, such as {@code Strict}.
     * @return the WAR.
     */
    static WebArchive pagesWarWithSameSite(String name, Map<?, ?> config, String sameSite) {
        return pagesWar(name, config, WEB_XML_WITH_FILTER.replaceFirst("<filter>", "<session-config><cookie-config>"
                + "<attribute><attribute-name>SameSite</attribute-name><attribute-value>" + sameSite
                + "</attribute-value></attribute></cookie-config></session-config>\n    <filter>"))
                .addAsWebInfResource(new StringAsset("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<payara-web-app>"
                        + "<session-config><cookie-properties><property name=\"cookieSameSite\" value=\"" + sameSite
                        + "\"/></cookie-properties></session-config></payara-web-app>\n"), "payara-web.xml")
                .addAsWebInfResource(new StringAsset("samesite-cookie(mode=" + sameSite + ", cookie-pattern=JSESSIONID)\n"),
                        UNDERTOW_HANDLERS);
    }

    /**
     * Builds the WAR of {@link #pagesWar} with the JSP pages chosen ({@code mfa-stepup.pages=jsp}) and without the
     * application's own Faces page: an application that does not run Faces.
     *
     * @param name the archive name; the context root is the name without {@code .war}.
     * @param config the MicroProfile Config properties of the application.
     * @return the WAR.
     */
    static WebArchive jspPagesWar(String name, Map<?, ?> config) {
        Properties jsp = new Properties();
        jsp.putAll(config);
        jsp.setProperty("mfa-stepup.pages", "jsp");
        return war(name, jsp)
                .addClasses(ReportsServlet.class, DeclaredServlet.class, DispatchingServlet.class)
                .add(new StringAsset(CANCELLED_PAGE), "cancelled.html")
                .setWebXML(new StringAsset(WEB_XML_WITH_FILTER))
                .addAsLibrary(jarOf(com.google.zxing.BarcodeFormat.class));
    }

    private static WebArchive pagesWar(String name, Map<?, ?> config, String webXml) {
        return war(name, config)
                .addClasses(ReportsServlet.class, OrdersBean.class, DeclaredServlet.class, DispatchingServlet.class)
                .add(new StringAsset(ORDERS_PAGE), "orders.xhtml")
                .add(new StringAsset(CANCELLED_PAGE), "cancelled.html")
                .setWebXML(new StringAsset(webXml))
                .addAsLibrary(jarOf(com.google.zxing.BarcodeFormat.class));
    }

    /**
     * Creates the directory failsafe names as {@code java.io.tmpdir} ({@code target/tmp}), where the Payara Micro
     * connector puts the deployment and Payara Micro unpacks its runtime; nothing else creates it.
     */
    private static void createTemporaryDirectory() {
        try {
            Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The library jar as Maven packaged it; its beans.xml must be there, or no bean of it would be found. */
    private static JavaArchive libraryJar() {
        String path = System.getProperty(PROPERTY_LIBRARY_JAR);
        if (path == null || !Files.isRegularFile(Path.of(path))) {
            throw new IllegalStateException("System property " + PROPERTY_LIBRARY_JAR
                    + " must name the packaged library jar (run the ITs with mvn verify), but is " + path);
        }
        JavaArchive jar = ShrinkWrap.createFromZipFile(JavaArchive.class, new File(path));
        if (!jar.contains("META-INF/beans.xml")) {
            throw new IllegalStateException("The packaged library jar has no META-INF/beans.xml: " + path);
        }
        return jar;
    }

    private static File jarOf(Class<?> type) {
        try {
            File file = new File(type.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (!file.isFile()) {
                throw new IllegalStateException(type.getName() + " does not come from a jar: " + file);
            }
            return file;
        } catch (URISyntaxException e) {
            throw new IllegalStateException("Cannot locate the jar of " + type.getName(), e);
        }
    }

    private static String properties(Map<?, ?> config) {
        Properties properties = new Properties();
        properties.putAll(config);
        StringWriter text = new StringWriter();
        try {
            properties.store(text, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }
}
