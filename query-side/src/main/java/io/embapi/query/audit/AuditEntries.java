package io.embapi.query.audit;

import io.embapi.platform.privacy.PersonalDataProtector;
import io.embapi.platform.privacy.PersonalDataProtector.PersonalData;
import io.embapi.shared.metadata.MetadataKeys;
import io.embapi.shared.privacy.SealedPersonalData;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns a stored event into an audit entry: position, time, type, revision, resource (the event's stream),
 * actor, actor type, request id, and the payload as JSON with three kinds of value replaced (ADR 0010):
 * <ul>
 *   <li>vectors ({@code vector} strings, {@code VectorCodec}'s encoding) by {@code {dimensions, sha256}}: the
 *       floats never leave the store through this API, the hash still shows whether two vectors are equal;</li>
 *   <li>sealed personal data ({@code personalData}) by the name and e-mail in clear while the subject's data key
 *       exists, and by {@code {"erased": true}} once it was deleted (crypto-shredding);</li>
 *   <li>secrets: sealed secrets (objects with a {@code ciphertext}) by {@code {"sealed": true}}, key hashes
 *       ({@code keyHash}) by {@code "redacted"}.</li>
 * </ul>
 */
@Component
class AuditEntries {

    static final String VECTOR = "vector";
    static final String PERSONAL_DATA = "personalData";
    static final String CIPHERTEXT = "ciphertext";
    static final String KEY_HASH = "keyHash";
    static final String REDACTED = "redacted";

    private final JsonMapper json;
    private final PersonalDataProtector personalData;

    AuditEntries(JsonMapper json, PersonalDataProtector personalData) {
        this.json = json;
        this.personalData = personalData;
    }

    ObjectNode entry(AuditLog.StoredEvent event) {
        ObjectNode entry = json.createObjectNode();
        entry.put("position", event.position());
        entry.put("time", event.timestamp());
        entry.put("type", shortName(event.payloadType()));
        entry.put("revision", event.revision());
        entry.put("resource", event.stream());
        entry.put("sequence", event.sequence());
        JsonNode metadata = parse(event.metadata());
        entry.put("actor", text(metadata, MetadataKeys.ACTOR));
        entry.put("actor_type", text(metadata, MetadataKeys.ACTOR_TYPE));
        entry.put("request_id", text(metadata, MetadataKeys.REQUEST_ID));
        entry.set("payload", clean(parse(event.payload())));
        return entry;
    }

    static String shortName(String payloadType) {
        int cut = Math.max(payloadType.lastIndexOf('.'), payloadType.lastIndexOf('$'));
        return payloadType.substring(cut + 1);
    }

    private JsonNode parse(byte[] bytes) {
        if (bytes == null) {
            return json.nullNode();
        }
        try {
            return json.readTree(bytes);
        } catch (JacksonException e) {
            // Not JSON (never written by this service): show that something is there, not what.
            return json.createObjectNode().put("unreadable", true);
        }
    }

    private static String text(JsonNode metadata, String key) {
        JsonNode value = metadata.get(key);
        return value == null || value.isNull() ? null : value.asString();
    }

    /** The payload with vectors summarised, personal data opened (or marked erased) and secrets withheld. */
    private JsonNode clean(JsonNode node) {
        if (node.isArray()) {
            List<JsonNode> items = new ArrayList<>();
            node.forEach(item -> items.add(clean(item)));
            return json.createArrayNode().addAll(items);
        }
        if (!node.isObject()) {
            return node;
        }
        if (node.has(CIPHERTEXT)) {
            return json.createObjectNode().put("sealed", true);
        }
        ObjectNode cleaned = json.createObjectNode();
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            String name = field.getKey();
            JsonNode value = field.getValue();
            if (VECTOR.equals(name) && value.isString()) {
                cleaned.set(name, vectorSummary(value.asString(), node.get("dimensions")));
            } else if (PERSONAL_DATA.equals(name) && value.isObject()) {
                cleaned.set(name, personal(value));
            } else if (KEY_HASH.equals(name) && !value.isNull()) {
                cleaned.put(name, REDACTED);
            } else {
                cleaned.set(name, clean(value));
            }
        }
        return cleaned;
    }

    private JsonNode vectorSummary(String encoded, JsonNode dimensions) {
        ObjectNode summary = json.createObjectNode();
        if (dimensions != null && dimensions.isNumber()) {
            summary.put("dimensions", dimensions.intValue());
        }
        summary.put("sha256", sha256(encoded));
        return summary;
    }

    private JsonNode personal(JsonNode sealed) {
        SealedPersonalData data = new SealedPersonalData(text(sealed, "keyId"), text(sealed, "name"),
                text(sealed, "email"));
        Optional<PersonalData> clear;
        try {
            clear = data.keyId() == null ? Optional.empty() : personalData.open(data);
        } catch (RuntimeException e) {
            // A tampered or unreadable field shows as unreadable, never as an error of the whole page.
            return json.createObjectNode().put("unreadable", true);
        }
        return clear.<JsonNode>map(p -> json.createObjectNode().put("name", p.name()).put("email", p.email()))
                .orElseGet(() -> json.createObjectNode().put("erased", true));
    }

    private static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
