package dev.mfastepup.it;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.util.ConcurrentModificationException;
import java.util.List;
import java.util.Map;

/**
 * A browser's cookie jar: it sends every cookie back as browsers do (RFC 6265), {@code NAME=value} and nothing else.
 *
 * <p>The JDK's {@link CookieManager} takes a {@code Set-Cookie} whose text contains {@code version=} or
 * {@code max-age} for an RFC 2965 cookie, and sends it back as {@code $Version="1"; NAME="value";$Path="..."}.
 * Payara's {@code JSESSIONIDVERSION=<hex>:<n>} of a {@code <distributable/>} application is one, by its name. Payara
 * 6 reads that form; Payara 7 (Servlet 6.1) reads the quotes as part of the value and fails the request
 * ("Odd number of hexadecimal digits"), which no browser's request would do.
 *
 * <p>Its cookies can be read while the answers to other requests of the same browser set some ({@link #copy()}).
 */
final class BrowserCookies extends CookieManager {

    BrowserCookies() {
        super(null, CookiePolicy.ACCEPT_ORIGINAL_SERVER);
    }

    @Override
    public void put(URI uri, Map<String, List<String>> responseHeaders) throws IOException {
        super.put(uri, responseHeaders);
        copy().forEach(cookie -> cookie.setVersion(0));
    }

    /**
     * Returns the cookies as they are now. The store hands out a live view of its list, which the answers to this
     * browser's other requests, on other threads, may change while it is read (MyFaces sets a cookie of its own
     * on many answers): the read is tried again then.
     *
     * @return the cookies.
     */
    List<HttpCookie> copy() {
        while (true) {
            try {
                return getCookieStore().getCookies().stream().toList();
            } catch (ConcurrentModificationException changedMeanwhile) {
                Thread.onSpinWait();
            }
        }
    }
}
