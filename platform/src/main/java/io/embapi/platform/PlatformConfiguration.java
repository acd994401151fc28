package io.embapi.platform;

import io.embapi.platform.config.EmbapiProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

/** Everything both deployables share at run time; imported by each application class. */
@Configuration(proxyBeanMethods = false)
@ComponentScan
@EnableConfigurationProperties(EmbapiProperties.class)
public class PlatformConfiguration {
}
