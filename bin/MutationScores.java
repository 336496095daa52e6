import java.io.File;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Reads PIT's mutations.xml and prints, per package, the mutants and what became of them; exits 1 when a package
 * is below the threshold or has no mutant at all (a package that vanished from the run must not pass unseen).
 * Sub-packages count with their package (client.model with client). Run with the JDK's source launcher:
 * {@code java bin/MutationScores.java target/pit-reports/mutations.xml 85 crypto filter service ...}
 */
public final class MutationScores {

    private static final String ROOT = "dev.mfastepup.";

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: MutationScores mutations.xml minimum-percent package...");
            System.exit(2);
        }
        int minimum = Integer.parseInt(args[1]);
        List<String> packages = List.of(args).subList(2, args.length);
        Map<String, int[]> counts = new LinkedHashMap<>();
        packages.forEach(p -> counts.put(p, new int[5]));

        // PIT's report holds no DTD; the factory refuses external entities anyway, as any XML reader should.
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        NodeList mutations = factory.newDocumentBuilder().parse(new File(args[0])).getElementsByTagName("mutation");
        for (int i = 0; i < mutations.getLength(); i++) {
            Element mutation = (Element) mutations.item(i);
            String mutatedClass = mutation.getElementsByTagName("mutatedClass").item(0).getTextContent();
            String pkg = packageOf(mutatedClass, packages);
            if (pkg == null) {
                continue;
            }
            int[] c = counts.get(pkg);
            c[0]++;
            if ("true".equals(mutation.getAttribute("detected"))) {
                c[1]++;
            }
            switch (mutation.getAttribute("status")) {
                case "TIMED_OUT" -> c[2]++;
                case "SURVIVED" -> c[3]++;
                case "NO_COVERAGE" -> c[4]++;
                default -> { }
            }
        }

        boolean pass = true;
        System.out.printf("%-10s %8s %8s %10s %9s %12s %8s%n", "package", "mutants", "killed", "timed out",
                "survived", "no coverage", "score");
        for (Map.Entry<String, int[]> e : counts.entrySet()) {
            int[] c = e.getValue();
            double score = c[0] == 0 ? 0 : 100.0 * c[1] / c[0];
            boolean ok = c[0] > 0 && score >= minimum;
            pass &= ok;
            // "killed" counts every detected mutant, those whose tests ran out of time included, as PIT's score does.
            System.out.printf("%-10s %8d %8d %10d %9d %12d %7.1f%%%s%n", e.getKey(), c[0], c[1], c[2], c[3], c[4],
                    score, ok ? "" : c[0] == 0 ? "  NO MUTANTS" : "  BELOW " + minimum + " %");
        }
        System.exit(pass ? 0 : 1);
    }

    private static String packageOf(String className, List<String> packages) {
        for (String p : packages) {
            if (className.startsWith(ROOT + p + ".")) {
                return p;
            }
        }
        return null;
    }
}
