package io.embapi.command.user;

import io.embapi.platform.privacy.PersonalDataProtector;
import io.embapi.shared.privacy.SealedPersonalData;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A readable fake of the vault: "sealed" fields are tagged copies, keys are counters. */
final class InMemoryPersonalData implements PersonalDataProtector {

    private final Map<String, String> subjects = new HashMap<>();
    private int nextKey = 1;

    @Override
    public SealedPersonalData sealForNewSubject(String subject, String name, String email) {
        String keyId = "key-" + nextKey++;
        subjects.put(keyId, subject);
        return reseal(keyId, name, email);
    }

    @Override
    public SealedPersonalData reseal(String keyId, String name, String email) {
        return new SealedPersonalData(keyId, seal(keyId, name), seal(keyId, email));
    }

    @Override
    public Optional<PersonalData> open(SealedPersonalData sealed) {
        if (sealed == null || !subjects.containsKey(sealed.keyId())) {
            return Optional.empty();
        }
        return Optional.of(new PersonalData(open(sealed.keyId(), sealed.name()), open(sealed.keyId(), sealed.email())));
    }

    @Override
    public List<String> forget(String subject, Collection<String> keyIds) {
        List<String> deleted = subjects.entrySet().stream()
                .filter(entry -> entry.getValue().equals(subject) || keyIds.contains(entry.getKey()))
                .map(Map.Entry::getKey).sorted().toList();
        deleted.forEach(subjects::remove);
        return deleted;
    }

    boolean hasKey(String keyId) {
        return subjects.containsKey(keyId);
    }

    static SealedPersonalData sealed(String keyId, String name, String email) {
        return new SealedPersonalData(keyId, seal(keyId, name), seal(keyId, email));
    }

    private static String seal(String keyId, String value) {
        return value == null ? null : "sealed(" + keyId + "):" + value;
    }

    private static String open(String keyId, String value) {
        return value == null ? null : value.substring(("sealed(" + keyId + "):").length());
    }

    void forget(String keyId) {
        subjects.remove(keyId);
    }

    void knowKey(String keyId, String subject) {
        subjects.put(keyId, subject);
        nextKey++;
    }
}
