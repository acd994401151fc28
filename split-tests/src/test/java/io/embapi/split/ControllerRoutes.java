package io.embapi.split;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.ClassUtils;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

/** The routes (method + path template) of the REST controllers in a package, read from their annotations. */
final class ControllerRoutes {

    private ControllerRoutes() {
    }

    /** One route of a controller. */
    record Route(String method, String template, String controller) {

        /** The template with every {@code {variable}} replaced by a sample segment. */
        String samplePath() {
            return template.replaceAll("\\{[^}]+}", "x");
        }

        boolean matches(String method, String path) {
            String regex = Pattern.quote(template).replaceAll("\\{[^}]+}", "\\\\E[^/]+\\\\Q");
            return this.method.equals(method) && Pattern.matches(regex, path);
        }
    }

    static List<Route> in(String basePackage) {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(RestController.class));
        List<Route> routes = new ArrayList<>();
        for (BeanDefinition candidate : scanner.findCandidateComponents(basePackage)) {
            Class<?> controller = ClassUtils.resolveClassName(candidate.getBeanClassName(), null);
            RequestMapping base = AnnotatedElementUtils.findMergedAnnotation(controller, RequestMapping.class);
            String[] prefixes = base == null || base.path().length == 0 ? new String[] {""} : base.path();
            for (Method method : controller.getDeclaredMethods()) {
                RequestMapping mapping = AnnotatedElementUtils.findMergedAnnotation(method, RequestMapping.class);
                if (mapping == null) {
                    continue;
                }
                String[] paths = mapping.path().length == 0 ? new String[] {""} : mapping.path();
                RequestMethod[] verbs = mapping.method().length == 0 ? RequestMethod.values() : mapping.method();
                for (String prefix : prefixes) {
                    for (String path : paths) {
                        for (RequestMethod verb : verbs) {
                            String template = prefix + path;
                            routes.add(new Route(verb.name(), template.isEmpty() ? "/" : template,
                                    controller.getSimpleName()));
                        }
                    }
                }
            }
        }
        return routes;
    }
}
