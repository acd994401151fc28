package io.embapi.platform.doctor;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One item of the pre-deployment checklist as the doctor found it.
 *
 * @param name   stable identifier (e.g. {@code database_role})
 * @param status {@code pass}, {@code warn} or {@code fail}
 * @param detail what was found (never a secret)
 * @param fix    what to do about it, one sentence; empty on pass
 */
public record DoctorCheck(String name, Status status, String detail, String fix) {

    public enum Status {
        @JsonProperty("pass") PASS,
        @JsonProperty("warn") WARN,
        @JsonProperty("fail") FAIL
    }

    static DoctorCheck pass(String name, String detail) {
        return new DoctorCheck(name, Status.PASS, detail, "");
    }

    static DoctorCheck warn(String name, String detail, String fix) {
        return new DoctorCheck(name, Status.WARN, detail, fix);
    }

    static DoctorCheck fail(String name, String detail, String fix) {
        return new DoctorCheck(name, Status.FAIL, detail, fix);
    }
}
