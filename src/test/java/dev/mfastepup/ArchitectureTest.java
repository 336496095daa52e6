package dev.mfastepup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The rules of the module's structure, read from its main sources: no file over 300 lines, no cycle between
 * packages, Auth0's error codes written only in {@link Auth0Error}, and no CDI bean built with {@code new} outside
 * the one producer class.
 */
class ArchitectureTest {

    private static final Path MAIN = Path.of("src/main/java");
    private static final String BASE = "dev.mfastepup";
    private static final int MAX_LINES = 300;
    private static final Pattern IMPORT = Pattern.compile("(?m)^import (?:static )?(dev\\.mfastepup(?:\\.[a-z0-9]+)*)\\.[A-Z]");
    private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\\\n]|\\\\.)*\"");
    private static final Pattern BEAN = Pattern.compile("(?m)^@(ApplicationScoped|Dependent|RequestScoped|SessionScoped)\\s"
            + "(?:@[A-Za-z]+\\s+)*(?:public |abstract |final )*(?:class|interface) ([A-Za-z0-9]+)");
    private static final String PRODUCERS = "dev/mfastepup/cdi/MfaStepUpProducers.java";

    private static Map<Path, String> sources;

    @BeforeAll
    static void readSources() throws IOException {
        try (Stream<Path> files = Files.walk(MAIN)) {
            sources = files.filter(f -> f.toString().endsWith(".java")).collect(Collectors.toMap(
                    f -> MAIN.relativize(f), ArchitectureTest::read, (a, b) -> a, TreeMap::new));
        }
        assertTrue(sources.size() > 100, "the main sources were read: " + sources.size());
    }

    @Test
    void noMainFileIsLongerThan300Lines() {
        Map<Path, Long> tooLong = new TreeMap<>();
        sources.forEach((file, text) -> {
            long lines = text.lines().count();
            if (lines > MAX_LINES) {
                tooLong.put(file, lines);
            }
        });
        assertEquals(Map.of(), tooLong);
    }

    @Test
    void noPackageDependsOnItselfThroughOthers() {
        Map<String, Set<String>> uses = new TreeMap<>();
        sources.forEach((file, text) -> {
            String from = topPackage(packageOf(file));
            Matcher imported = IMPORT.matcher(text);
            while (imported.find()) {
                String to = topPackage(imported.group(1));
                if (!to.equals(from)) {
                    uses.computeIfAbsent(from, p -> new TreeSet<>()).add(to);
                }
            }
        });
        List<List<String>> cycles = new ArrayList<>();
        for (String start : uses.keySet()) {
            pathBack(start, start, uses, new ArrayDeque<>(List.of(start)), new TreeSet<>()).ifPresent(cycles::add);
        }
        assertEquals(List.of(), cycles);
    }

    @Test
    void auth0ErrorCodesAreWrittenOnlyInTheVocabulary() {
        Set<String> codes = Arrays.stream(Auth0Error.values()).map(Auth0Error::code)
                .filter(c -> c != null).map(c -> '"' + c + '"').collect(Collectors.toSet());
        Map<Path, List<String>> found = new TreeMap<>();
        sources.forEach((file, text) -> {
            if (file.endsWith(Path.of("dev/mfastepup/Auth0Error.java"))) {
                return;
            }
            Matcher literal = STRING.matcher(withoutComments(text));
            while (literal.find()) {
                if (codes.contains(literal.group())) {
                    found.computeIfAbsent(file, f -> new ArrayList<>()).add(literal.group());
                }
            }
        });
        assertEquals(Map.of(), found);
    }

    @Test
    void noCdiBeanIsBuiltWithNewOutsideTheProducers() {
        Set<String> beans = new TreeSet<>();
        sources.values().forEach(text -> {
            Matcher bean = BEAN.matcher(text);
            while (bean.find()) {
                beans.add(bean.group(2));
            }
        });
        assertTrue(beans.contains("MfaService"), "the beans were found: " + beans);
        Map<Path, List<String>> built = new TreeMap<>();
        sources.forEach((file, text) -> {
            if (file.toString().replace('\\', '/').equals(PRODUCERS)) {
                return;
            }
            String code = withoutComments(text);
            for (String bean : beans) {
                if (code.contains("new " + bean + "(")) {
                    built.computeIfAbsent(file, f -> new ArrayList<>()).add(bean);
                }
            }
        });
        assertEquals(Map.of(), built);
    }

    @Test
    void theCheckOfLiteralsSeesThroughNothingButComments() {
        assertFalse(withoutComments("/* \"invalid_grant\" */ x // \"invalid_grant\"\n").contains("invalid_grant"));
        assertTrue(withoutComments("String s = \"invalid_grant\"; // why\n").contains("\"invalid_grant\""));
    }

    /** A path of imports from {@code at} back to {@code start}, if there is one. */
    private static java.util.Optional<List<String>> pathBack(String start, String at, Map<String, Set<String>> uses,
            Deque<String> path, Set<String> seen) {
        for (String next : uses.getOrDefault(at, Set.of())) {
            if (next.equals(start)) {
                List<String> cycle = new ArrayList<>(path);
                cycle.add(start);
                return java.util.Optional.of(cycle);
            }
            if (seen.add(next)) {
                path.addLast(next);
                java.util.Optional<List<String>> found = pathBack(start, next, uses, path, seen);
                if (found.isPresent()) {
                    return found;
                }
                path.removeLast();
            }
        }
        return java.util.Optional.empty();
    }

    /** A package with its subpackages is one part: {@code client.model} is the client's. */
    private static String topPackage(String name) {
        String[] parts = name.split("\\.");
        return parts.length <= 3 ? name : String.join(".", Arrays.copyOf(parts, 3));
    }

    private static String packageOf(Path file) {
        Path parent = file.getParent();
        return parent == null ? BASE : parent.toString().replace('\\', '/').replace('/', '.');
    }

    /** The source without its comments; string literals stay (a "//" inside one is not a comment). */
    static String withoutComments(String text) {
        StringBuilder code = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (text.startsWith("\"\"\"", i)) {
                int end = text.indexOf("\"\"\"", i + 3);
                end = end < 0 ? text.length() : end + 3;
                code.append(text, i, end);
                i = end;
            } else if (c == '"') {
                int end = i + 1;
                while (end < text.length() && text.charAt(end) != '"') {
                    end += text.charAt(end) == '\\' ? 2 : 1;
                }
                code.append(text, i, Math.min(end + 1, text.length()));
                i = end + 1;
            } else if (text.startsWith("//", i)) {
                int end = text.indexOf('\n', i);
                i = end < 0 ? text.length() : end;
            } else if (text.startsWith("/*", i)) {
                int end = text.indexOf("*/", i + 2);
                i = end < 0 ? text.length() : end + 2;
            } else {
                code.append(c);
                i++;
            }
        }
        return code.toString();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }
}
