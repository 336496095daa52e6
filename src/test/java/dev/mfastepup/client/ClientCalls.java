package dev.mfastepup.client;

import static dev.mfastepup.TestConfigs.DOMAIN;

import dev.mfastepup.client.model.AssociateRequest;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;

/** Every call the client makes, for tests that try one fault on each: every method and every endpoint. */
final class ClientCalls {

    static final String RAW = "raw_mfa_tok";

    private ClientCalls() {
    }

    /** A call of the client, by the operation name its failures carry. */
    record Call(String operation, Consumer<Auth0Client> call) {
    }

    static Stream<Named<Call>> all() {
        return Stream.of(
                call("GET /mfa/authenticators", c -> c.listAuthenticators(DOMAIN, RAW)),
                call("GET /.well-known/jwks.json", c -> c.keySet(DOMAIN)),
                call("the mfa-otp grant", c -> c.verifyOtp(DOMAIN, RAW, "123456")),
                call("the refresh-token grant", c -> c.refresh(DOMAIN, "rt", null, null)),
                call("POST /mfa/challenge", c -> c.challenge(DOMAIN, RAW, "otp", null)),
                call("POST /mfa/associate", c -> c.associate(DOMAIN, RAW,
                        new AssociateRequest(List.of("otp"), null, null, null))),
                call("DELETE /mfa/authenticators/{id}", c -> c.deleteAuthenticator(DOMAIN, RAW, "totp|dev_1")));
    }

    private static Named<Call> call(String operation, Consumer<Auth0Client> call) {
        return Named.of(operation, new Call(operation, call));
    }
}
