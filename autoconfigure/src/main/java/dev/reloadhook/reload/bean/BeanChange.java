package dev.reloadhook.reload.bean;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * One bean a bean-tier reload replaces or adds: a top-level class and its nested classes.
 *
 * @param className the binary name of the bean's class
 * @param classes the new bytes of the class and of each of its nested classes, by binary
 * name
 * @param bean whether it is a bean (otherwise a plain class only the other changes use)
 * @param controller whether it is a controller (its request mappings are replaced)
 * @param existingBean the name of the bean it replaces, or {@code null} for a new bean
 * @author reload-hook
 */
record BeanChange(String className, Map<String, byte[]> classes, boolean bean, boolean controller, @Nullable String existingBean) {

}
