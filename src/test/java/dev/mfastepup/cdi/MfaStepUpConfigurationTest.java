package dev.mfastepup.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.mfastepup.TestConfigs;
import dev.mfastepup.event.ClientAddress;
import dev.mfastepup.event.SecurityLog;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** SEC-32: the security log's rule for {@code ip=} is read with the rest of the configuration, at deployment. */
class MfaStepUpConfigurationTest {

    @AfterEach
    void backToTheDefault() {
        SecurityLog.clientAddress(ClientAddress.peerOnly());
    }

    @Test
    void sec32AtDeploymentTheTrustedProxiesDecideWhatTheSecurityLogNamesAsTheClient() {
        assertEquals(List.of("ip=10.0.0.5"), ipAfterDeploying(Map.of()), "by default the peer");
        assertEquals(List.of("ip=192.0.2.44"),
                ipAfterDeploying(Map.of(ClientAddress.KEY_TRUSTED_PROXIES, "10.0.0.5")), "behind a trusted proxy");
    }

    private static List<String> ipAfterDeploying(Map<String, String> more) {
        Map<String, String> values = new HashMap<>(more);
        values.put("mfa-stepup.domain", "tenant.example.com");
        values.put("mfa-stepup.client-id", "client-1");
        values.put("mfa-stepup.secret", TestConfigs.SECRET);
        MfaStepUpConfiguration configuration = new MfaStepUpConfiguration();
        configuration.microProfileConfig = new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(values, "test", 100)).build();
        configuration.readAtDeployment(new Object());

        HttpServletRequest request = mock(HttpServletRequest.class);
        when(request.getRemoteAddr()).thenReturn("10.0.0.5");
        when(request.getHeaders("X-Forwarded-For")).thenAnswer(i -> Collections.enumeration(List.of("192.0.2.44")));
        List<String> ips = new ArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                for (String field : record.getMessage().split(" ")) {
                    if (field.startsWith("ip=")) {
                        ips.add(field);
                    }
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger logger = Logger.getLogger(SecurityLog.LOGGER_NAME);
        logger.addHandler(handler);
        try {
            SecurityLog.record(Level.WARNING, "mfa.locked", request, "auth0|u", "flow-1");
        } finally {
            logger.removeHandler(handler);
        }
        return ips;
    }
}
