package io.embapi.shared.apistandard;

import java.util.List;

/** How an embedding provider expects its API key (the reference's {@code key_methods} table). */
public final class KeyMethod {

    public static final String AUTH_BEARER = "auth_bearer";
    public static final String BODY_FORM = "body_form";
    public static final String QUERY_PARAM = "query_param";
    public static final String CUSTOM_HEADER = "custom_header";
    public static final List<String> ALL = List.of(AUTH_BEARER, BODY_FORM, QUERY_PARAM, CUSTOM_HEADER);

    private KeyMethod() {
    }
}
