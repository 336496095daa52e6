package dev.mfastepup;

import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A request and its session for unit tests of the services: Mockito mocks backed by a real attribute map, with a
 * session id that {@code changeSessionId()} really changes and an {@code invalidate()} that really clears.
 */
public final class TestRequests {

    private final Map<String, Object> attributes = new ConcurrentHashMap<>();
    private final AtomicReference<String> sessionId = new AtomicReference<>(UUID.randomUUID().toString());
    private final AtomicBoolean sessionExists;
    private final AtomicBoolean invalidated = new AtomicBoolean();
    private final HttpSession session = mock(HttpSession.class);
    private final HttpServletRequest request = mock(HttpServletRequest.class);

    private TestRequests(boolean withSession, boolean replicated) {
        sessionExists = new AtomicBoolean(withSession);
        when(session.getId()).thenAnswer(i -> sessionId.get());
        when(session.getAttribute(anyString())).thenAnswer(i -> {
            Object value = attributes.get(i.<String>getArgument(0));
            return replicated ? copy(value) : value;
        });
        when(session.getAttributeNames()).thenAnswer(i -> Collections.enumeration(attributes.keySet()));
        doAnswer(i -> {
            if (i.getArgument(1) == null) {
                attributes.remove(i.<String>getArgument(0));
            } else {
                attributes.put(i.getArgument(0), replicated ? copy(i.getArgument(1)) : i.getArgument(1));
            }
            return null;
        }).when(session).setAttribute(anyString(), any());
        doAnswer(i -> attributes.remove(i.<String>getArgument(0))).when(session).removeAttribute(anyString());
        doAnswer(i -> {
            attributes.clear();
            invalidated.set(true);
            sessionExists.set(false);
            return null;
        }).when(session).invalidate();
        when(request.getSession(anyBoolean())).thenAnswer(i -> {
            if (sessionExists.get()) {
                return session;
            }
            if (i.<Boolean>getArgument(0)) {
                sessionExists.set(true);
                return session;
            }
            return null;
        });
        when(request.getSession()).thenAnswer(i -> {
            sessionExists.set(true);
            return session;
        });
        when(request.changeSessionId()).thenAnswer(i -> {
            sessionId.set(UUID.randomUUID().toString());
            return sessionId.get();
        });
        when(request.getServerName()).thenReturn("app.example.com");
    }

    /** @return a request whose session exists. */
    public static TestRequests withSession() {
        return new TestRequests(true, false);
    }

    /** @return a request without a session. */
    public static TestRequests withoutSession() {
        return new TestRequests(false, false);
    }

    /**
     * Returns a request whose session behaves as one replicated between servers: every read gets a fresh copy of
     * what was last written with {@code setAttribute}, so a change that is not written back is lost, as it is on
     * the next server of a cluster. Locks held in the session do not hold across reads here.
     *
     * @return a request whose session exists.
     */
    public static TestRequests replicated() {
        return new TestRequests(true, true);
    }

    private static Object copy(Object value) {
        if (value == null) {
            return null;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        } catch (IOException e) {
            throw new UncheckedIOException("a session attribute that does not replicate: " + value.getClass(), e);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return in.readObject();
        } catch (IOException | ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return the request mock. */
    public HttpServletRequest request() {
        return request;
    }

    /** @return the session mock. */
    public HttpSession session() {
        return session;
    }

    /** @return the live attribute map of the session. */
    public Map<String, Object> attributes() {
        return attributes;
    }

    /** @return the current session id. */
    public String sessionId() {
        return sessionId.get();
    }

    /** @return whether the session was invalidated. */
    public boolean invalidated() {
        return invalidated.get();
    }
}
