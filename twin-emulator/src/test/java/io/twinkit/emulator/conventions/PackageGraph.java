package io.twinkit.emulator.conventions;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
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
 * The dependencies between the packages of a class directory, read from the class files' constant pools: every
 * class constant and every type named in a descriptor or generic signature, as jdeps counts them. Only packages of
 * the directory itself are nodes; {@code module-info.class} is skipped.
 */
final class PackageGraph {

    /** A type in a descriptor or signature: {@code Lpkg/Name;} or {@code Lpkg/Name<...>;}. */
    private static final Pattern DESCRIBED_TYPE = Pattern.compile("L([\\w/$]+)[;<]");

    private PackageGraph() {
    }

    /** Returns each package of {@code classes} with the other packages of {@code classes} it uses, sorted. */
    static Map<String, Set<String>> of(Path classes) throws IOException {
        Map<String, Set<String>> uses = new TreeMap<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")
                    && !f.getFileName().toString().equals("module-info.class")).toList()) {
                String name = classes.relativize(file).toString().replace('\\', '/');
                Set<String> used = uses.computeIfAbsent(packageOf(name), p -> new TreeSet<>());
                for (String type : referencedTypes(file)) {
                    used.add(packageOf(type));
                }
            }
        }
        uses.forEach((pkg, used) -> {
            used.retainAll(uses.keySet());
            used.remove(pkg);
        });
        return uses;
    }

    /**
     * Returns the cycles of {@code graph}: its strongly connected components of more than one package, each sorted.
     */
    static List<Set<String>> cycles(Map<String, Set<String>> graph) {
        // Tarjan's algorithm
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        List<Set<String>> cycles = new ArrayList<>();
        for (String start : graph.keySet()) {
            if (!index.containsKey(start)) {
                connect(start, graph, index, low, stack, cycles);
            }
        }
        return cycles;
    }

    private static void connect(String node, Map<String, Set<String>> graph, Map<String, Integer> index,
                                Map<String, Integer> low, Deque<String> stack, List<Set<String>> cycles) {
        index.put(node, index.size());
        low.put(node, index.get(node));
        stack.push(node);
        for (String next : graph.getOrDefault(node, Set.of())) {
            if (!index.containsKey(next)) {
                connect(next, graph, index, low, stack, cycles);
                low.put(node, Math.min(low.get(node), low.get(next)));
            } else if (stack.contains(next)) {
                low.put(node, Math.min(low.get(node), index.get(next)));
            }
        }
        if (low.get(node).equals(index.get(node))) {
            Set<String> component = new TreeSet<>();
            String member;
            do {
                member = stack.pop();
                component.add(member);
            } while (!member.equals(node));
            if (component.size() > 1) {
                cycles.add(component);
            }
        }
    }

    /** Returns the internal names ({@code a/b/C}) of the types one class file refers to. */
    private static Set<String> referencedTypes(Path classFile) throws IOException {
        Set<String> types = new TreeSet<>();
        try (InputStream in = Files.newInputStream(classFile); DataInputStream data = new DataInputStream(in)) {
            if (data.readInt() != 0xCAFEBABE) {
                throw new IOException("not a class file: " + classFile);
            }
            data.readUnsignedShort();
            data.readUnsignedShort();
            int count = data.readUnsignedShort();
            String[] utf8 = new String[count];
            List<Integer> classNames = new ArrayList<>();
            for (int i = 1; i < count; i++) {
                int tag = data.readUnsignedByte();
                switch (tag) {
                    case 1 -> utf8[i] = data.readUTF();
                    case 7 -> classNames.add(data.readUnsignedShort());
                    case 8, 16, 19, 20 -> data.readUnsignedShort();
                    case 15 -> data.skipBytes(3);
                    case 3, 4, 9, 10, 11, 12, 17, 18 -> data.skipBytes(4);
                    case 5, 6 -> {
                        data.skipBytes(8);
                        i++;
                    }
                    default -> throw new IOException("constant pool tag " + tag + " in " + classFile);
                }
            }
            for (int classIndex : classNames) {
                String name = utf8[classIndex];
                if (!name.startsWith("[")) {
                    types.add(name);
                }
            }
            for (String text : utf8) {
                if (text != null) {
                    Matcher m = DESCRIBED_TYPE.matcher(text);
                    while (m.find()) {
                        types.add(m.group(1));
                    }
                }
            }
        }
        return types;
    }

    private static String packageOf(String internalName) {
        int slash = internalName.lastIndexOf('/');
        return slash < 0 ? "" : internalName.substring(0, slash).replace('/', '.');
    }
}
