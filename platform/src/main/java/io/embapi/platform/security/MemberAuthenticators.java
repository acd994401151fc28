package io.embapi.platform.security;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Steps 3 and 4 of the pipeline. Editor: a member with an editing role presents their own key. Reader: the resource
 * is public (then the caller is "public", whatever key it sent, as in the reference), or any member presents their
 * key. Member lists are not capped.
 */
@Configuration(proxyBeanMethods = false)
class MemberAuthenticators {

    @Bean
    SchemeAuthenticator editorAuthenticator(List<MembershipSource> sources) {
        return new SchemeAuthenticator() {
            @Override
            public Scheme scheme() {
                return Scheme.EDITOR;
            }

            @Override
            public Optional<Caller> authenticate(String token, Map<String, String> pathValues) {
                return matchingMember(sources, token, pathValues, true)
                        .map(member -> Caller.user(member.userHandle(), Scheme.EDITOR));
            }
        };
    }

    @Bean
    SchemeAuthenticator readerAuthenticator(List<MembershipSource> sources) {
        return new SchemeAuthenticator() {
            @Override
            public Scheme scheme() {
                return Scheme.READER;
            }

            @Override
            public Optional<Caller> authenticate(String token, Map<String, String> pathValues) {
                for (MembershipSource source : sources) {
                    if (source.appliesTo(pathValues) && source.isPublic(pathValues)) {
                        return Optional.of(Caller.publicReader());
                    }
                }
                return matchingMember(sources, token, pathValues, false)
                        .map(member -> Caller.user(member.userHandle(), Scheme.READER));
            }
        };
    }

    private static Optional<MembershipSource.Member> matchingMember(List<MembershipSource> sources, String token,
                                                                    Map<String, String> pathValues,
                                                                    boolean editorsOnly) {
        if (token.isEmpty()) {
            return Optional.empty();
        }
        for (MembershipSource source : sources) {
            if (!source.appliesTo(pathValues)) {
                continue;
            }
            for (MembershipSource.Member member : source.members(pathValues, editorsOnly)) {
                if (ApiKeys.matches(token, member.keyHash())) {
                    return Optional.of(member);
                }
            }
        }
        return Optional.empty();
    }
}
