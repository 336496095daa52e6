package dev.mfastepup.crypto;

import com.nimbusds.jose.util.JSONObjectUtils;
import dev.mfastepup.StepUpRequirements;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON payload of a sealed context, in the Auth0 Python SDK's {@code MfaTokenContext} shape plus this module's
 * optional binding fields:
 * <pre>
 * {"mfa_token": "...", "audience": "...", "scope": "...",
 *  "mfa_requirements": null | {"enroll": [{"type": "otp"}] | null, "challenge": [...] | null},
 *  "created_at": 1700000000, "flow_id": "...", "subject": "...", "domain": "...", "oob_code": "...",
 *  "recovery_code": "...", "session_binding": "..."}
 * </pre>
 * The last six members are written only when set. The Python SDK (pydantic, extra members ignored) reads what is
 * written here, and contexts it wrote come back with those six fields {@code null}.
 */
final class ContextJson {

    // Constants ------------------------------------------------------------------------------------------------------

    static final String MFA_TOKEN = "mfa_token";
    static final String AUDIENCE = "audience";
    static final String SCOPE = "scope";
    static final String MFA_REQUIREMENTS = "mfa_requirements";
    static final String CREATED_AT = "created_at";
    static final String FLOW_ID = "flow_id";
    static final String SUBJECT = "subject";
    static final String DOMAIN = "domain";
    static final String OOB_CODE = "oob_code";
    static final String RECOVERY_CODE = "recovery_code";
    static final String SESSION_BINDING = "session_binding";

    private static final String ENROLL = "enroll";
    private static final String CHALLENGE = "challenge";
    private static final String TYPE = "type";

    private ContextJson() {
        // static methods only
    }

    // Actions --------------------------------------------------------------------------------------------------------

    /**
     * Writes the payload, members in the Python SDK's order.
     *
     * @throws IllegalArgumentException if a requirement has no type, which the Python SDK could not read back.
     */
    static String write(StepUpContext context) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put(MFA_TOKEN, context.mfaToken());
        json.put(AUDIENCE, context.audience());
        json.put(SCOPE, context.scope());
        json.put(MFA_REQUIREMENTS, writeRequirements(context.requirements()));
        json.put(CREATED_AT, context.createdAt());
        putIfSet(json, FLOW_ID, context.flowId());
        putIfSet(json, SUBJECT, context.subject());
        putIfSet(json, DOMAIN, context.domain());
        putIfSet(json, OOB_CODE, context.oobCode());
        putIfSet(json, RECOVERY_CODE, context.recoveryCode());
        putIfSet(json, SESSION_BINDING, context.sessionBinding());
        return JSONObjectUtils.toJSONString(json);
    }

    /**
     * Reads a payload that has already been authenticated. Unknown members are ignored, as the Python SDK does.
     *
     * @throws MalformedContextException if it is not a JSON object or a member has the wrong type.
     */
    static StepUpContext read(String payload) throws MalformedContextException {
        Map<String, Object> json;
        try {
            json = JSONObjectUtils.parse(payload);
        } catch (ParseException e) {
            // No cause: a parser message may quote the payload, and so the raw token.
            throw new MalformedContextException("the payload is not a JSON object");
        }
        if (json == null) {
            // parse gives null for the JSON text "null" rather than failing.
            throw new MalformedContextException("the payload is not a JSON object");
        }
        String mfaToken = requiredString(json, MFA_TOKEN);
        if (mfaToken.isEmpty()) {
            throw new MalformedContextException("the payload member mfa_token is empty");
        }
        return new StepUpContext(
                mfaToken,
                requiredString(json, AUDIENCE),
                requiredString(json, SCOPE),
                readRequirements(json.get(MFA_REQUIREMENTS)),
                requiredInteger(json, CREATED_AT),
                optionalString(json, FLOW_ID),
                optionalString(json, SUBJECT),
                optionalString(json, DOMAIN),
                optionalString(json, OOB_CODE),
                optionalString(json, RECOVERY_CODE),
                optionalString(json, SESSION_BINDING));
    }

    // Helpers --------------------------------------------------------------------------------------------------------

    private static void putIfSet(Map<String, Object> json, String name, String value) {
        if (value != null) {
            json.put(name, value);
        }
    }

    private static Map<String, Object> writeRequirements(StepUpRequirements requirements) {
        if (requirements == null) {
            return null;
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put(ENROLL, writeRequirementList(requirements.enroll()));
        json.put(CHALLENGE, writeRequirementList(requirements.challenge()));
        return json;
    }

    private static List<Object> writeRequirementList(List<String> types) {
        if (types == null) {
            return null;
        }
        List<Object> json = new ArrayList<>(types.size());
        for (String type : types) {
            if (type == null) {
                throw new IllegalArgumentException("requirements cannot hold an entry without a type");
            }
            json.add(Map.of(TYPE, type));
        }
        return json;
    }

    private static StepUpRequirements readRequirements(Object value) throws MalformedContextException {
        if (value == null) {
            return null;
        }
        if (!(value instanceof Map<?, ?> json)) {
            throw new MalformedContextException("the payload member mfa_requirements is not an object or null");
        }
        return new StepUpRequirements(readRequirementList(json.get(ENROLL)),
                readRequirementList(json.get(CHALLENGE)));
    }

    private static List<String> readRequirementList(Object value) throws MalformedContextException {
        if (value == null) {
            return null;
        }
        if (!(value instanceof List<?> json)) {
            throw new MalformedContextException("a requirement list is not an array or null");
        }
        List<String> types = new ArrayList<>(json.size());
        for (Object item : json) {
            if (!(item instanceof Map<?, ?> entry) || !(entry.get(TYPE) instanceof String type)) {
                throw new MalformedContextException("a requirement is not an object with a string type");
            }
            types.add(type);
        }
        return types;
    }

    private static String requiredString(Map<String, Object> json, String name) throws MalformedContextException {
        if (!(json.get(name) instanceof String value)) {
            throw new MalformedContextException("the payload member " + name + " is not a string");
        }
        return value;
    }

    private static String optionalString(Map<String, Object> json, String name) throws MalformedContextException {
        Object value = json.get(name);
        if (value != null && !(value instanceof String)) {
            throw new MalformedContextException("the payload member " + name + " is not a string or null");
        }
        return (String) value;
    }

    private static long requiredInteger(Map<String, Object> json, String name) throws MalformedContextException {
        // Nimbus's parser gives Long for integers that fit and Double for anything with a fraction or exponent.
        if (!(json.get(name) instanceof Long value)) {
            throw new MalformedContextException("the payload member " + name + " is not an integer");
        }
        return value;
    }
}
