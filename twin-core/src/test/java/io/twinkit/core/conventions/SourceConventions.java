package io.twinkit.core.conventions;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.module.ModuleDescriptor;
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
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Checks every module runs over its own sources and classes: public declarations have Javadoc, packages have a
 * {@code package-info.java}, and no foreign library type (Jackson, Gson, Lombok, Azure SDK) leaks into a public
 * signature outside the members and types explicitly meant for interop.
 */
public final class SourceConventions {

    private static final List<String> FOREIGN = List.of("com.fasterxml.", "com.google.gson.", "lombok.",
            "com.microsoft.azure.sdk.");
    private static final Pattern PUBLIC_DECLARATION = Pattern.compile(
            "^\\s*public\\s+(?!.*\\bclass\\b.*=)(.*\\(|(\\w+\\s+)*(class|interface|enum|record|@interface)\\s).*");

    private SourceConventions() {
    }

    /** Returns {@code file:line: declaration} for each public declaration under {@code sources} without Javadoc. */
    public static List<String> undocumentedPublicDeclarations(Path sources) throws IOException {
        List<String> undocumented = new ArrayList<>();
        for (Path file : javaFiles(sources)) {
            List<String> lines = Files.readAllLines(file);
            for (int i = 0; i < lines.size(); i++) {
                if (PUBLIC_DECLARATION.matcher(lines.get(i)).matches() && !documented(lines, i)) {
                    undocumented.add(sources.relativize(file) + ":" + (i + 1) + ": " + lines.get(i).trim());
                }
            }
        }
        return undocumented;
    }

    /**
     * Returns the package directories under {@code sources} that hold Java files but no {@code package-info.java}
     * ({@code module-info.java} is no package's).
     */
    public static List<Path> packagesWithoutInfo(Path sources) throws IOException {
        List<Path> missing = new ArrayList<>();
        try (Stream<Path> dirs = Files.walk(sources)) {
            for (Path dir : dirs.filter(Files::isDirectory).toList()) {
                boolean hasSources;
                try (Stream<Path> children = Files.list(dir)) {
                    hasSources = children.anyMatch(p -> p.toString().endsWith(".java")
                            && !p.getFileName().toString().equals("module-info.java"));
                }
                if (hasSources && !Files.exists(dir.resolve("package-info.java"))) {
                    missing.add(sources.relativize(dir));
                }
            }
        }
        return missing;
    }

    /** Returns the Java source files under {@code sources}, without {@code package-info.java}. */
    public static List<Path> javaFiles(Path sources) throws IOException {
        try (Stream<Path> files = Files.walk(sources)) {
            return files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> !p.endsWith("package-info.java"))
                    .toList();
        }
    }

    private static boolean documented(List<String> lines, int declaration) {
        for (int i = declaration - 1; i >= 0; i--) {
            String line = lines.get(i).trim();
            if (line.startsWith("@Override")) {
                return true;
            }
            if (line.startsWith("@")) {
                continue;
            }
            return line.endsWith("*/") && !line.startsWith("//");
        }
        return false;
    }

    /**
     * Returns {@code owner.member exposes type} for each public or protected signature of the publicly visible
     * classes under {@code classes} that names a foreign type, except members named {@code SimpleName.member} in
     * {@code interopMembers} and classes named in {@code interopTypes}.
     */
    public static List<String> foreignTypeLeaks(Path classes, Set<String> interopMembers, Set<String> interopTypes)
            throws IOException, ClassNotFoundException {
        Predicate<Class<?>> foreign = c -> FOREIGN.stream().anyMatch(c.getName()::startsWith);
        List<String> leaks = new ArrayList<>();
        for (Class<?> type : publicClasses(classes)) {
            if (!interopTypes.contains(type.getName())) {
                signatureLeaks(type, foreign, interopMembers, leaks);
            }
        }
        return leaks;
    }

    /**
     * Returns {@code owner.member exposes type} for each public or protected signature of a publicly visible class in
     * a package the module under {@code classes} exports (read from its compiled {@code module-info.class}) that names
     * a type the user cannot reach: one of the module's packages it does not export, or any package named
     * {@code internal}.
     *
     * @throws IllegalStateException if there is no compiled module descriptor under {@code classes}
     */
    public static List<String> internalTypeLeaks(Path classes) throws IOException, ClassNotFoundException {
        return internalTypeLeaks(classes, SourceConventions.class.getClassLoader());
    }

    /** As {@link #internalTypeLeaks(Path)}, loading the classes with {@code loader}. */
    public static List<String> internalTypeLeaks(Path classes, ClassLoader loader)
            throws IOException, ClassNotFoundException {
        ModuleDescriptor module = moduleDescriptor(classes);
        Set<String> exported = new HashSet<>();
        module.exports().stream().filter(e -> !e.isQualified()).forEach(e -> exported.add(e.source()));
        Predicate<Class<?>> internal = c -> {
            String pkg = c.getPackageName();
            return (module.packages().contains(pkg) && !exported.contains(pkg)) || pkg.endsWith(".internal")
                    || pkg.contains(".internal.");
        };
        List<String> leaks = new ArrayList<>();
        for (Class<?> type : publicClasses(classes, loader)) {
            if (exported.contains(type.getPackageName())) {
                signatureLeaks(type, internal, Set.of(), leaks);
            }
        }
        return leaks;
    }

    /** Returns the module descriptor compiled to {@code classes/module-info.class}. */
    public static ModuleDescriptor moduleDescriptor(Path classes) throws IOException {
        Path file = classes.resolve("module-info.class");
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("no module descriptor at " + file.toAbsolutePath());
        }
        try (InputStream in = Files.newInputStream(file)) {
            return ModuleDescriptor.read(in, () -> packagesUnder(classes));
        }
    }

    private static Set<String> packagesUnder(Path classes) {
        try (Stream<Path> files = Files.walk(classes)) {
            Set<String> packages = new HashSet<>();
            files.filter(f -> f.toString().endsWith(".class") && f.getParent() != null && !f.getParent().equals(classes))
                    .forEach(f -> packages.add(classes.relativize(f.getParent()).toString().replace('/', '.')
                            .replace('\\', '.')));
            return packages;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void signatureLeaks(Class<?> type, Predicate<Class<?>> hidden, Set<String> interopMembers,
                                       List<String> leaks) {
        for (Field field : type.getDeclaredFields()) {
            if (isExposed(field.getModifiers())) {
                check(type, field.getName(), field.getGenericType(), hidden, interopMembers, leaks);
            }
        }
        for (Constructor<?> constructor : type.getDeclaredConstructors()) {
            checkExecutable(type, "<init>", constructor, hidden, interopMembers, leaks);
        }
        for (Method method : type.getDeclaredMethods()) {
            if (!method.isSynthetic() && isExposed(method.getModifiers())) {
                checkExecutable(type, method.getName(), method, hidden, interopMembers, leaks);
                check(type, method.getName(), method.getGenericReturnType(), hidden, interopMembers, leaks);
            }
        }
        Type superclass = type.getGenericSuperclass();
        if (superclass != null) {
            check(type, "extends", superclass, hidden, interopMembers, leaks);
        }
        for (Type iface : type.getGenericInterfaces()) {
            check(type, "implements", iface, hidden, interopMembers, leaks);
        }
    }

    /** Returns the publicly visible classes compiled under {@code classes}. */
    public static List<Class<?>> publicClasses(Path classes) throws IOException, ClassNotFoundException {
        return publicClasses(classes, SourceConventions.class.getClassLoader());
    }

    /** Returns the publicly visible classes compiled under {@code classes}, loaded with {@code loader}. */
    public static List<Class<?>> publicClasses(Path classes, ClassLoader loader)
            throws IOException, ClassNotFoundException {
        List<Class<?>> result = new ArrayList<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = classes.relativize(file).toString().replace('/', '.').replace('\\', '.');
                name = name.substring(0, name.length() - ".class".length());
                if (name.endsWith("package-info") || name.equals("module-info")) {
                    continue;
                }
                Class<?> type = Class.forName(name, false, loader);
                if (isPubliclyVisible(type)) {
                    result.add(type);
                }
            }
        }
        return result;
    }

    private static void checkExecutable(Class<?> owner, String name, Executable executable,
                                        Predicate<Class<?>> hidden, Set<String> interop, List<String> leaks) {
        if (!isExposed(executable.getModifiers())) {
            return;
        }
        for (Type parameter : executable.getGenericParameterTypes()) {
            check(owner, name, parameter, hidden, interop, leaks);
        }
        for (Type thrown : executable.getGenericExceptionTypes()) {
            check(owner, name, thrown, hidden, interop, leaks);
        }
    }

    private static void check(Class<?> owner, String member, Type type, Predicate<Class<?>> hidden,
                              Set<String> interop, List<String> leaks) {
        String foreign = foreignTypeIn(type, hidden, new HashSet<>());
        if (foreign != null && !interop.contains(owner.getSimpleName() + "." + member)) {
            leaks.add(owner.getName() + "." + member + " exposes " + foreign);
        }
    }

    private static String foreignTypeIn(Type type, Predicate<Class<?>> hidden, Set<TypeVariable<?>> seen) {
        if (type instanceof Class<?> c) {
            if (c.isArray()) {
                return foreignTypeIn(c.getComponentType(), hidden, seen);
            }
            return hidden.test(c) ? c.getName() : null;
        }
        if (type instanceof ParameterizedType p) {
            String raw = foreignTypeIn(p.getRawType(), hidden, seen);
            if (raw != null) {
                return raw;
            }
            for (Type argument : p.getActualTypeArguments()) {
                String found = foreignTypeIn(argument, hidden, seen);
                if (found != null) {
                    return found;
                }
            }
            return null;
        }
        if (type instanceof GenericArrayType a) {
            return foreignTypeIn(a.getGenericComponentType(), hidden, seen);
        }
        if (type instanceof WildcardType w) {
            return Stream.concat(Stream.of(w.getUpperBounds()), Stream.of(w.getLowerBounds()))
                    .map(t -> foreignTypeIn(t, hidden, seen)).filter(Objects::nonNull).findFirst().orElse(null);
        }
        if (type instanceof TypeVariable<?> v) {
            if (!seen.add(v)) {
                return null; // a recursive bound such as E extends Enum<E>
            }
            return Stream.of(v.getBounds()).map(t -> foreignTypeIn(t, hidden, seen))
                    .filter(Objects::nonNull).findFirst().orElse(null);
        }
        return null;
    }

    private static boolean isExposed(int modifiers) {
        return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
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
