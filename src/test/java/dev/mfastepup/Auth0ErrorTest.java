package dev.mfastepup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class Auth0ErrorTest {

    @ParameterizedTest
    @EnumSource(value = Auth0Error.class, mode = EnumSource.Mode.EXCLUDE, names = "OTHER")
    void everyCodeReadsBackAsItsConstant(Auth0Error error) {
        assertEquals(error, Auth0Error.of(error.code()));
        assertTrue(error.is(error.code()));
        assertEquals(error.name().toLowerCase(java.util.Locale.ROOT), error.code());
    }

    @Test
    void anUnknownCodeOrNoneIsOther() {
        assertEquals(Auth0Error.OTHER, Auth0Error.of("server_error"));
        assertEquals(Auth0Error.OTHER, Auth0Error.of(null));
        assertEquals(Auth0Error.OTHER, Auth0Error.of("INVALID_GRANT"));
        assertNull(Auth0Error.OTHER.code());
        assertFalse(Auth0Error.OTHER.is(null));
        assertFalse(Auth0Error.INVALID_GRANT.is(null));
        assertFalse(Auth0Error.INVALID_GRANT.is("invalid_token"));
    }

    @Test
    void theModulesMfaRequiredCodeIsAuth0s() {
        assertEquals("mfa_required", ErrorCodes.MFA_REQUIRED);
    }

    @Test
    void eachQuestionIsTrueForExactlyItsCodes() {
        assertOnly(Auth0Error::isWrongCode, Auth0Error.INVALID_GRANT, Auth0Error.INVALID_BINDING_CODE);
        assertOnly(Auth0Error::endsFlow, Auth0Error.EXPIRED_TOKEN, Auth0Error.INVALID_TOKEN);
        assertOnly(Auth0Error::isStillPending, Auth0Error.AUTHORIZATION_PENDING, Auth0Error.SLOW_DOWN);
        assertOnly(Auth0Error::isTryLater, Auth0Error.TOO_MANY_ATTEMPTS);
        assertOnly(Auth0Error::refusesTheApplication, Auth0Error.INVALID_CLIENT, Auth0Error.UNAUTHORIZED_CLIENT);
        assertOnly(Auth0Error::endsSignIn, Auth0Error.INVALID_GRANT, Auth0Error.ACCESS_DENIED,
                Auth0Error.LOGIN_REQUIRED);
    }

    private static void assertOnly(Predicate<Auth0Error> question, Auth0Error... yes) {
        Set<Auth0Error> expected = EnumSet.noneOf(Auth0Error.class);
        expected.addAll(Set.of(yes));
        for (Auth0Error error : Auth0Error.values()) {
            assertEquals(expected.contains(error), question.test(error), error.name());
        }
    }
}
