package io.embapi.platform.logging;

import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.EncoderBase;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.springframework.boot.logging.logback.StructuredLogEncoder;

/**
 * The console encoder of {@code logback-spring.xml}: plain text with Spring Boot's pattern, or Spring Boot's
 * structured JSON when a format is set ({@code EMBAPI_LOG_FORMAT}: {@code json} = {@code ecs}, {@code logstash},
 * {@code gelf}, {@code ecs}); either way each encoded line goes through {@link LogRedactor} before it is written, so
 * the masking covers the message, the context values and stack traces of both forms.
 */
public class RedactingEncoder extends EncoderBase<ILoggingEvent> {

    private String pattern;
    private String format;
    private Charset charset = StandardCharsets.UTF_8;
    private Encoder<ILoggingEvent> delegate;

    public void setPattern(String pattern) {
        this.pattern = pattern;
    }

    public void setFormat(String format) {
        this.format = format;
    }

    public void setCharset(Charset charset) {
        this.charset = charset;
    }

    /** {@code ""}, {@code text} and {@code plain} mean the pattern; {@code json} means ECS; others pass through. */
    static String structuredFormat(String configured) {
        String value = configured == null ? "" : configured.trim().toLowerCase(Locale.ROOT);
        return switch (value) {
            case "", "text", "plain" -> null;
            case "json" -> "ecs";
            default -> value;
        };
    }

    @Override
    public void start() {
        String structured = structuredFormat(format);
        if (structured != null) {
            StructuredLogEncoder json = new StructuredLogEncoder();
            json.setContext(getContext());
            json.setFormat(structured);
            json.setCharset(charset);
            delegate = json;
        } else {
            PatternLayoutEncoder text = new PatternLayoutEncoder();
            text.setContext(getContext());
            text.setPattern(pattern);
            text.setCharset(charset);
            delegate = text;
        }
        delegate.start();
        super.start();
    }

    @Override
    public void stop() {
        if (delegate != null) {
            delegate.stop();
        }
        super.stop();
    }

    @Override
    public byte[] headerBytes() {
        return delegate == null ? null : delegate.headerBytes();
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        byte[] encoded = delegate.encode(event);
        if (encoded == null || encoded.length == 0) {
            return encoded;
        }
        String line = new String(encoded, charset);
        String redacted = LogRedactor.redact(line);
        return redacted == line ? encoded : redacted.getBytes(charset);
    }

    @Override
    public byte[] footerBytes() {
        return delegate == null ? null : delegate.footerBytes();
    }
}
