package io.twinkit.reliability.support;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Mutation-based fuzzing from a seed: flips bits, overwrites, inserts, deletes, duplicates and truncates bytes, and
 * splices in tokens from a dictionary of values that tend to break parsers. The same seed always gives the same
 * mutations, so a failing input can be reproduced from the seed in the failure message.
 */
public final class Mutator {

    /** Tokens that often break JSON readers and the code behind them. */
    public static final List<String> JSON_TOKENS = List.of("{", "}", "[", "]", "\"", ":", ",", "\\", "null", "true",
            "false", "-0", "1e999999", "-1e-999999", "123456789012345678901234567890", "0x1F", "NaN", "Infinity",
            "\\u0000", "\\ud800", "\\udc00x", "\\" + "u", "\u0000", "\u2028", "\uffff", "$version", "$metadata",
            "{\"$version\":1}", "\"a\":1,\"a\":2", "[[[[[[[[[[[[[[[[", "]]]]]]]]]]]]]]]]", "{\"\":{}}", "/*", "//",
            "\r\n", "\t", " ", "'", "\u00e9", "\ud83d\ude00");

    private final Random random;

    /** Creates a mutator whose choices follow {@code seed}. */
    public Mutator(long seed) {
        this.random = new Random(seed);
    }

    /** Returns the random source, for choices the caller makes. */
    public Random random() {
        return random;
    }

    /** Returns {@code input} after one to four mutations, splicing tokens from {@code dictionary} (as UTF-8). */
    public byte[] mutate(byte[] input, List<String> dictionary) {
        return mutateBytes(input, dictionary.stream().map(token -> token.getBytes(StandardCharsets.UTF_8)).toList());
    }

    /** Returns {@code input} after one to four mutations, splicing byte sequences from {@code dictionary}. */
    public byte[] mutateBytes(byte[] input, List<byte[]> dictionary) {
        return mutateBytes(input, dictionary, 1 + random.nextInt(4));
    }

    /** Returns {@code input} after {@code rounds} mutations, splicing byte sequences from {@code dictionary}. */
    public byte[] mutateBytes(byte[] input, List<byte[]> dictionary, int rounds) {
        byte[] result = input;
        for (int i = 0; i < rounds; i++) {
            result = once(result, dictionary);
        }
        return result;
    }

    /** Returns {@code input} (as UTF-8) after one to four mutations, as text (bad UTF-8 becomes U+FFFD). */
    public String mutate(String input, List<String> dictionary) {
        return new String(mutate(input.getBytes(StandardCharsets.UTF_8), dictionary), StandardCharsets.UTF_8);
    }

    /**
     * Returns {@code input} with one to three of its space-separated tokens replaced by, preceded by or swapped for
     * dictionary tokens, or dropped: mutations that keep most of the text's structure.
     */
    public String mutateTokens(String input, List<String> dictionary) {
        List<String> tokens = new ArrayList<>(List.of(input.split(" ")));
        int rounds = 1 + random.nextInt(3);
        for (int i = 0; i < rounds && !tokens.isEmpty(); i++) {
            int at = random.nextInt(tokens.size());
            String token = dictionary.get(random.nextInt(dictionary.size()));
            switch (random.nextInt(4)) {
                case 0 -> tokens.set(at, token);
                case 1 -> tokens.add(at, token);
                case 2 -> tokens.remove(at);
                default -> Collections.swap(tokens, at, random.nextInt(tokens.size()));
            }
        }
        return String.join(" ", tokens);
    }

    private byte[] once(byte[] input, List<byte[]> dictionary) {
        int length = input.length;
        int at = length == 0 ? 0 : random.nextInt(length + 1);
        switch (random.nextInt(9)) {
            case 0 -> {
                if (length > 0) {
                    byte[] copy = input.clone();
                    int i = random.nextInt(length);
                    copy[i] ^= (byte) (1 << random.nextInt(8));
                    return copy;
                }
                return input;
            }
            case 1 -> {
                if (length > 0) {
                    byte[] copy = input.clone();
                    copy[random.nextInt(length)] = (byte) random.nextInt(256);
                    return copy;
                }
                return input;
            }
            case 2, 3 -> {
                return insert(input, at, dictionary.get(random.nextInt(dictionary.size())));
            }
            case 4 -> {
                byte[] noise = new byte[1 + random.nextInt(8)];
                random.nextBytes(noise);
                return insert(input, at, noise);
            }
            case 5 -> {
                if (length == 0) {
                    return input;
                }
                int from = random.nextInt(length);
                int to = Math.min(length, from + 1 + random.nextInt(Math.max(1, length / 4)));
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                out.write(input, 0, from);
                out.write(input, to, length - to);
                return out.toByteArray();
            }
            case 6 -> {
                if (length == 0) {
                    return input;
                }
                int from = random.nextInt(length);
                int to = Math.min(length, from + 1 + random.nextInt(Math.max(1, length / 4)));
                return insert(input, random.nextInt(length + 1), Arrays.copyOfRange(input, from, to));
            }
            case 7 -> {
                return Arrays.copyOf(input, length == 0 ? 0 : random.nextInt(length));
            }
            default -> {
                if (length < 2) {
                    return input;
                }
                byte[] copy = input.clone();
                int i = random.nextInt(length);
                int j = random.nextInt(length);
                byte swap = copy[i];
                copy[i] = copy[j];
                copy[j] = swap;
                return copy;
            }
        }
    }

    private static byte[] insert(byte[] input, int at, byte[] piece) {
        byte[] result = new byte[input.length + piece.length];
        System.arraycopy(input, 0, result, 0, at);
        System.arraycopy(piece, 0, result, at, piece.length);
        System.arraycopy(input, at, result, at + piece.length, input.length - at);
        return result;
    }
}
