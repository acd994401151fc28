package io.embapi.shared.instance;

/** An instance's identity is its numeric {@code instance_id}; its event stream is {@code instance:<id>}. */
public final class InstanceIds {

    private InstanceIds() {
    }

    public static String aggregateId(long instanceId) {
        return "instance:" + instanceId;
    }
}
