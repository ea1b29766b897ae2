package io.shoal.planner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
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
import org.junit.jupiter.api.Test;

/**
 * The planner's packages form no cycle: a package uses another only through its imports or a
 * fully qualified name in code (comments do not count), and the graph of those uses has no
 * strongly connected component larger than one package. The root package ({@code Federation}) sits
 * on top: it may use every package, and none may use it. And the path of a query is plain calls:
 * no reflective proxies, no reflective invocation, no per-query state in static maps or thread
 * locals.
 */
class PlannerArchitectureTest {
  private static final Path SOURCES = Path.of("src/main/java/io/shoal/planner");
  private static final String ROOT = "io.shoal.planner";
  private static final Pattern PACKAGE = Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE);
  /** A planner class named by package: in an import, a static import or a qualified name. */
  private static final Pattern USE = Pattern.compile("\\b(io\\.shoal\\.planner(?:\\.[a-z]\\w*)*)\\.[A-Z]");
  private static final Pattern COMMENTS = Pattern.compile("//[^\n]*|/\\*.*?\\*/", Pattern.DOTALL);
  private static final Pattern STRINGS = Pattern.compile("\"(?:\\\\.|[^\"\\\\])*\"");

  @Test
  void plannerPackagesHaveNoCycles() throws IOException {
    Map<String, Set<String>> uses = packageUses();
    assertTrue(uses.size() >= 8, "found the planner's packages: " + uses.keySet());
    List<List<String>> cycles = cycles(uses);
    assertEquals(List.of(), cycles, "package cycles (each list is a set of packages that use each"
        + " other, directly or not); uses: " + uses);
  }

  @Test
  void noPackageUsesTheRootPackage() throws IOException {
    List<String> offenders = new ArrayList<>();
    packageUses().forEach((pkg, used) -> {
      if (!pkg.equals(ROOT) && used.contains(ROOT)) {
        offenders.add(pkg);
      }
    });
    assertEquals(List.of(), offenders, "packages that use " + ROOT + " (Federation is the top)");
  }

  @Test
  void theQueryPathIsPlainCalls() throws IOException {
    Pattern forbidden = Pattern.compile(
        "Proxy\\.newProxyInstance|\\.invoke\\(|InvocationHandler|ThreadLocal|WeakHashMap|IdentityHashMap<DataContext");
    List<String> found = new ArrayList<>();
    for (Path dir : List.of(SOURCES, Path.of("src/main/java/org/apache/calcite/jdbc"))) {
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java"))::iterator) {
          String code = COMMENTS.matcher(Files.readString(f)).replaceAll(" ");
          Matcher m = forbidden.matcher(code);
          while (m.find()) {
            found.add(f.getFileName() + ": " + m.group());
          }
        }
      }
    }
    assertEquals(List.of(), found);
  }

  @Test
  void theCheckSeesACycle() {
    Map<String, Set<String>> uses = new TreeMap<>();
    uses.put("a", Set.of("b"));
    uses.put("b", Set.of("c"));
    uses.put("c", Set.of("a"));
    uses.put("d", Set.of("a"));
    assertEquals(List.of(List.of("a", "b", "c")), cycles(uses));
  }

  /** Package to the other planner packages its main sources use. */
  private static Map<String, Set<String>> packageUses() throws IOException {
    Map<String, Set<String>> uses = new TreeMap<>();
    try (Stream<Path> files = Files.walk(SOURCES)) {
      for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java"))::iterator) {
        String text = Files.readString(f);
        Matcher pm = PACKAGE.matcher(text);
        assertTrue(pm.find(), "no package line in " + f);
        String pkg = pm.group(1);
        String code = STRINGS.matcher(COMMENTS.matcher(text).replaceAll(" ")).replaceAll("\"\"");
        Set<String> used = uses.computeIfAbsent(pkg, k -> new TreeSet<>());
        Matcher m = USE.matcher(code.substring(pm.end()));
        while (m.find()) {
          if (!m.group(1).equals(pkg)) {
            used.add(m.group(1));
          }
        }
      }
    }
    return uses;
  }

  /** The strongly connected components with more than one package (Tarjan), each sorted. */
  static List<List<String>> cycles(Map<String, Set<String>> uses) {
    Map<String, Integer> index = new HashMap<>();
    Map<String, Integer> low = new HashMap<>();
    Deque<String> stack = new ArrayDeque<>();
    Set<String> onStack = new TreeSet<>();
    List<List<String>> out = new ArrayList<>();
    int[] next = {0};
    for (String p : uses.keySet()) {
      if (!index.containsKey(p)) {
        connect(p, uses, index, low, stack, onStack, out, next);
      }
    }
    return out;
  }

  private static void connect(String p, Map<String, Set<String>> uses, Map<String, Integer> index,
      Map<String, Integer> low, Deque<String> stack, Set<String> onStack, List<List<String>> out,
      int[] next) {
    index.put(p, next[0]);
    low.put(p, next[0]);
    next[0]++;
    stack.push(p);
    onStack.add(p);
    for (String q : uses.getOrDefault(p, Set.of())) {
      if (!index.containsKey(q)) {
        connect(q, uses, index, low, stack, onStack, out, next);
        low.put(p, Math.min(low.get(p), low.get(q)));
      } else if (onStack.contains(q)) {
        low.put(p, Math.min(low.get(p), index.get(q)));
      }
    }
    if (low.get(p).equals(index.get(p))) {
      List<String> component = new ArrayList<>();
      String q;
      do {
        q = stack.pop();
        onStack.remove(q);
        component.add(q);
      } while (!q.equals(p));
      if (component.size() > 1) {
        component.sort(null);
        out.add(component);
      }
    }
  }
}
