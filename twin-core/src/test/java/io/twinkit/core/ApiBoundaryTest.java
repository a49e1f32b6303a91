package io.twinkit.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Checks the module's public surface: no Jackson, Gson, Lombok or Azure SDK type appears in a public or protected
 * signature, except in the Jackson adapter's explicit interop methods.
 */
class ApiBoundaryTest {

    private static final List<String> FOREIGN = List.of("com.fasterxml.", "com.google.gson.", "lombok.",
            "com.microsoft.azure.sdk.");
    /** The adapter methods whose purpose is Jackson interop. */
    private static final Set<String> JACKSON_INTEROP = Set.of("TwinJson.using", "TwinJson.toJsonNode",
            "TwinJson.fromJsonNode");
    /** Types whose whole purpose is Jackson interop. */
    private static final Set<String> JACKSON_INTEROP_TYPES = Set.of("io.twinkit.core.jackson.TwinkitModule");

    @Test
    void publicSignaturesExposeNoForeignTypesOutsideTheExplicitJacksonInterop() throws Exception {
        List<String> leaks = new ArrayList<>();
        for (Class<?> type : publicClasses()) {
            for (Field field : type.getDeclaredFields()) {
                if (isExposed(field.getModifiers())) {
                    check(type, field.getName(), field.getGenericType(), leaks);
                }
            }
            for (Constructor<?> constructor : type.getDeclaredConstructors()) {
                checkExecutable(type, "<init>", constructor, leaks);
            }
            for (Method method : type.getDeclaredMethods()) {
                if (!method.isSynthetic() && isExposed(method.getModifiers())) {
                    checkExecutable(type, method.getName(), method, leaks);
                    check(type, method.getName(), method.getGenericReturnType(), leaks);
                }
            }
            Type superclass = type.getGenericSuperclass();
            if (superclass != null) {
                check(type, "extends", superclass, leaks);
            }
            for (Type iface : type.getGenericInterfaces()) {
                check(type, "implements", iface, leaks);
            }
        }
        assertThat(leaks).isEmpty();
    }

    @Test
    void theScanSeesTheWholeModule() throws Exception {
        assertThat(publicClasses()).extracting(Class::getSimpleName)
                .contains("TwinDocument", "MergePatch", "JsonObject", "TwinJson");
    }

    private static void checkExecutable(Class<?> owner, String name, Executable executable, List<String> leaks) {
        if (!isExposed(executable.getModifiers())) {
            return;
        }
        for (Type parameter : executable.getGenericParameterTypes()) {
            check(owner, name, parameter, leaks);
        }
        for (Type thrown : executable.getGenericExceptionTypes()) {
            check(owner, name, thrown, leaks);
        }
    }

    private static void check(Class<?> owner, String member, Type type, List<String> leaks) {
        String foreign = foreignTypeIn(type);
        if (foreign != null && !JACKSON_INTEROP.contains(owner.getSimpleName() + "." + member)
                && !JACKSON_INTEROP_TYPES.contains(owner.getName())) {
            leaks.add(owner.getName() + "." + member + " exposes " + foreign);
        }
    }

    private static String foreignTypeIn(Type type) {
        if (type instanceof Class<?> c) {
            if (c.isArray()) {
                return foreignTypeIn(c.getComponentType());
            }
            return FOREIGN.stream().anyMatch(c.getName()::startsWith) ? c.getName() : null;
        }
        if (type instanceof ParameterizedType p) {
            String raw = foreignTypeIn(p.getRawType());
            if (raw != null) {
                return raw;
            }
            for (Type argument : p.getActualTypeArguments()) {
                String found = foreignTypeIn(argument);
                if (found != null) {
                    return found;
                }
            }
            return null;
        }
        if (type instanceof GenericArrayType a) {
            return foreignTypeIn(a.getGenericComponentType());
        }
        if (type instanceof WildcardType w) {
            return Stream.concat(Stream.of(w.getUpperBounds()), Stream.of(w.getLowerBounds()))
                    .map(ApiBoundaryTest::foreignTypeIn).filter(java.util.Objects::nonNull).findFirst().orElse(null);
        }
        if (type instanceof TypeVariable<?> v) {
            return Stream.of(v.getBounds()).map(ApiBoundaryTest::foreignTypeIn)
                    .filter(java.util.Objects::nonNull).findFirst().orElse(null);
        }
        return null;
    }

    private static boolean isExposed(int modifiers) {
        return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
    }

    private static List<Class<?>> publicClasses() throws IOException, ClassNotFoundException {
        Path root = Path.of("target", "classes");
        List<Class<?>> classes = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = root.relativize(file).toString().replace('/', '.').replace('\\', '.');
                name = name.substring(0, name.length() - ".class".length());
                if (name.endsWith("package-info")) {
                    continue;
                }
                Class<?> type = Class.forName(name, false, ApiBoundaryTest.class.getClassLoader());
                if (isPubliclyVisible(type)) {
                    classes.add(type);
                }
            }
        }
        return classes;
    }

    private static boolean isPubliclyVisible(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getEnclosingClass()) {
            if (!Modifier.isPublic(c.getModifiers()) || c.isAnonymousClass() || c.isLocalClass()) {
                return false;
            }
        }
        return true;
    }
}
