package io.twinkit.core.conventions;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The class and package dependencies of a module, read from its compiled classes: every type a class names in its
 * constant pool (the classes it uses, and the types in its field and method descriptors, generic signatures and
 * annotations). Comments and Javadoc do not count, so a package may link to another in its documentation without
 * depending on it.
 *
 * <pre>{@code
 * PackageDependencies module = PackageDependencies.read(Path.of("target", "classes"));
 * assertThat(module.cycles()).isEmpty();
 * assertThat(module.classesUsing("io.twinkit.core.json", "io.twinkit.core.jackson")).isEmpty();
 * }</pre>
 *
 * <p>Shared with the other modules through twin-core's test-jar, as {@link SourceConventions} is. Immutable.
 */
public final class PackageDependencies {

    /** A class name in a descriptor or signature: {@code Lpkg/Name;} or {@code Lpkg/Name<...>;}. */
    private static final Pattern DESCRIPTOR_TYPE = Pattern.compile("(?:^|(?<=[(\\[)<;:+\\-^*>]))L([\\w/$]+)(?=[;<])");

    /** Class name to the names of the classes it uses (itself excluded), for the classes of the module. */
    private final Map<String, Set<String>> uses;
    private final Set<String> packages;

    private PackageDependencies(Map<String, Set<String>> uses) {
        this.uses = uses;
        this.packages = new TreeSet<>();
        uses.keySet().forEach(name -> packages.add(packageOf(name)));
    }

    /**
     * Reads every class file under {@code classes} (a directory such as {@code target/classes}).
     *
     * @throws IOException if a file cannot be read or is not a class file
     */
    public static PackageDependencies read(Path classes) throws IOException {
        Map<String, Set<String>> uses = new TreeMap<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String fileName = file.getFileName().toString();
                if (fileName.equals("module-info.class")) {
                    continue;
                }
                String name = classes.relativize(file).toString().replace('\\', '/');
                name = name.substring(0, name.length() - ".class".length()).replace('/', '.');
                try (InputStream in = Files.newInputStream(file)) {
                    Set<String> used = referencedClasses(in);
                    used.remove(name);
                    uses.put(name, used);
                }
            }
        }
        return new PackageDependencies(uses);
    }

    /** Returns the packages of the module: those that hold at least one of its classes. */
    public Set<String> packages() {
        return Set.copyOf(packages);
    }

    /** Returns the classes, of the module or not, that the classes of package {@code from} use. */
    public Set<String> classesUsedBy(String from) {
        Set<String> result = new TreeSet<>();
        uses.forEach((name, used) -> {
            if (packageOf(name).equals(from)) {
                result.addAll(used);
            }
        });
        return result;
    }

    /**
     * Returns {@code class -> used class} for each use of a class of package {@code to}, or of a package under it,
     * by a class of package {@code from}; {@code to} may be a package outside the module, such as
     * {@code com.fasterxml.jackson.databind}.
     */
    public List<String> classesUsing(String from, String to) {
        List<String> result = new ArrayList<>();
        uses.forEach((name, used) -> {
            if (packageOf(name).equals(from)) {
                for (String target : used) {
                    String targetPackage = packageOf(target);
                    if (targetPackage.equals(to) || targetPackage.startsWith(to + ".")) {
                        result.add(name + " -> " + target);
                    }
                }
            }
        });
        return result;
    }

    /** Returns the packages of the module that package {@code from} uses, itself excluded. */
    public Set<String> packagesUsedBy(String from) {
        Set<String> result = new TreeSet<>();
        for (String target : classesUsedBy(from)) {
            String targetPackage = packageOf(target);
            if (packages.contains(targetPackage) && !targetPackage.equals(from)) {
                result.add(targetPackage);
            }
        }
        return result;
    }

    /**
     * Returns the cycles between packages of the module: each set of packages that reach one another through their
     * uses (a strongly connected component of more than one package), sorted by name. An empty list means the
     * packages are layered.
     */
    public List<Set<String>> cycles() {
        List<String> nodes = new ArrayList<>(packages);
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < nodes.size(); i++) {
            index.put(nodes.get(i), i);
        }
        List<List<Integer>> edges = new ArrayList<>();
        for (String node : nodes) {
            List<Integer> targets = new ArrayList<>();
            packagesUsedBy(node).forEach(target -> targets.add(index.get(target)));
            edges.add(targets);
        }
        List<Set<String>> cycles = new ArrayList<>();
        for (List<Integer> component : new Tarjan(edges).components()) {
            if (component.size() > 1) {
                Set<String> cycle = new TreeSet<>();
                component.forEach(i -> cycle.add(nodes.get(i)));
                cycles.add(cycle);
            }
        }
        cycles.sort(Comparator.comparing(cycle -> cycle.iterator().next()));
        return cycles;
    }

    /**
     * Describes each cycle for a failure message: its packages, and for each use between two of them the first
     * classes that make it.
     */
    public String describe(List<Set<String>> cycles) {
        StringBuilder text = new StringBuilder();
        for (Set<String> cycle : cycles) {
            text.append("cycle between ").append(cycle).append(":\n");
            for (String from : cycle) {
                for (String to : packagesUsedBy(from)) {
                    if (cycle.contains(to)) {
                        List<String> examples = classesUsing(from, to).stream()
                                .filter(use -> packageOf(use.substring(use.indexOf(" -> ") + 4)).equals(to))
                                .limit(3).toList();
                        text.append("  ").append(from).append(" -> ").append(to).append(", e.g. ")
                                .append(examples).append('\n');
                    }
                }
            }
        }
        return text.toString();
    }

    private static String packageOf(String className) {
        int dot = className.lastIndexOf('.');
        return dot < 0 ? "" : className.substring(0, dot);
    }

    /** Returns the binary names of the classes that a class file's constant pool names. */
    static Set<String> referencedClasses(InputStream classFile) throws IOException {
        DataInputStream in = new DataInputStream(classFile);
        if (in.readInt() != 0xCAFEBABE) {
            throw new IOException("not a class file");
        }
        in.readUnsignedShort(); // minor version
        in.readUnsignedShort(); // major version
        int count = in.readUnsignedShort();
        String[] utf8 = new String[count];
        List<Integer> classNames = new ArrayList<>();
        BitSet literals = new BitSet(count);
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1 -> utf8[i] = in.readUTF();
                case 7 -> classNames.add(in.readUnsignedShort());
                case 8 -> literals.set(in.readUnsignedShort());
                case 16, 19, 20 -> in.readUnsignedShort(); // MethodType, Module, Package
                case 15 -> {
                    in.readUnsignedByte(); // MethodHandle
                    in.readUnsignedShort();
                }
                case 3, 4, 9, 10, 11, 12, 17, 18 -> in.readInt();
                case 5, 6 -> {
                    in.readLong(); // Long and Double take two entries
                    i++;
                }
                default -> throw new IOException("unknown constant pool tag " + tag);
            }
        }
        Set<String> names = new TreeSet<>();
        for (int nameIndex : classNames) {
            String name = utf8[nameIndex];
            if (name.startsWith("[")) {
                addDescriptorTypes(name, names);
            } else {
                names.add(name.replace('/', '.'));
            }
        }
        for (int i = 1; i < count; i++) {
            // string literals are data, not types; everything else may be a descriptor or signature
            if (utf8[i] != null && !literals.get(i)) {
                addDescriptorTypes(utf8[i], names);
            }
        }
        return names;
    }

    private static void addDescriptorTypes(String text, Set<String> names) {
        Matcher matcher = DESCRIPTOR_TYPE.matcher(text);
        while (matcher.find()) {
            names.add(matcher.group(1).replace('/', '.'));
        }
    }

    /** Tarjan's strongly connected components, iteratively so that deep graphs need no deep stack. */
    private static final class Tarjan {
        private final List<List<Integer>> edges;
        private final int[] order;
        private final int[] low;
        private final boolean[] onStack;
        private final Deque<Integer> stack = new ArrayDeque<>();
        private final List<List<Integer>> components = new ArrayList<>();
        private int counter = 1;

        Tarjan(List<List<Integer>> edges) {
            this.edges = edges;
            this.order = new int[edges.size()];
            this.low = new int[edges.size()];
            this.onStack = new boolean[edges.size()];
        }

        List<List<Integer>> components() {
            for (int node = 0; node < edges.size(); node++) {
                if (order[node] == 0) {
                    visit(node);
                }
            }
            return components;
        }

        private void visit(int root) {
            Deque<int[]> work = new ArrayDeque<>(); // {node, next edge to follow}
            enter(root);
            work.push(new int[] {root, 0});
            while (!work.isEmpty()) {
                int[] frame = work.peek();
                int node = frame[0];
                List<Integer> targets = edges.get(node);
                if (frame[1] < targets.size()) {
                    int target = targets.get(frame[1]++);
                    if (order[target] == 0) {
                        enter(target);
                        work.push(new int[] {target, 0});
                    } else if (onStack[target]) {
                        low[node] = Math.min(low[node], order[target]);
                    }
                    continue;
                }
                work.pop();
                if (!work.isEmpty()) {
                    int parent = work.peek()[0];
                    low[parent] = Math.min(low[parent], low[node]);
                }
                if (low[node] == order[node]) {
                    List<Integer> component = new ArrayList<>();
                    int member;
                    do {
                        member = stack.pop();
                        onStack[member] = false;
                        component.add(member);
                    } while (member != node);
                    components.add(component);
                }
            }
        }

        private void enter(int node) {
            order[node] = counter;
            low[node] = counter;
            counter++;
            stack.push(node);
            onStack[node] = true;
        }
    }
}
