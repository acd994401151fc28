package io.embapi.platform.processing;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** Event processor operations: status, rebuild, dead letters ({@code embapi.processing.*}). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ProcessingSettings.class)
class ProcessingConfiguration {
}
