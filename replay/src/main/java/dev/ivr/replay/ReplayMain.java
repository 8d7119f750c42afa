package dev.ivr.replay;

import dev.ivr.workflows.call.CallWorkflowImpl;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * {@code java -jar replay/target/replay-0.1.0-SNAPSHOT-exec.jar COMMAND …}, run from the repository root:
 *
 * <pre>
 * export --target=HOST:PORT [--namespace=default] (--workflow-id=ID | --call-id=ID) [--out=FILE]
 * generate-corpus [--flows=flows] [--scenarios=replay/scenarios] [--out=replay/src/test/resources/histories]
 *                 [--time-scale=10] [--flow=ID]
 * replay [--histories=replay/src/test/resources/histories]
 * what-if --history=FILE [--flows=flows] [--time-scale=10]
 * </pre>
 *
 * Every command reads (and {@code generate-corpus} writes) encrypted histories with the keys of
 * {@code --payload-keys-file=FILE}, else of {@code IVR_PAYLOAD_KEYS} / {@code IVR_PAYLOAD_KEYS_FILE};
 * {@code generate-corpus} without keys writes plain histories.
 */
public final class ReplayMain {
  static final String DEFAULT_CORPUS = "replay/src/test/resources/histories";
  static final String DEFAULT_SCENARIOS = "replay/scenarios";

  private ReplayMain() {}

  public static void main(String[] args) throws Exception {
    System.exit(run(args, System.out, System.err));
  }

  static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
    if (args.length == 0) {
      err.println("commands: export, generate-corpus, replay, what-if (see docs/replay.md)");
      return 2;
    }
    String[] rest = Arrays.copyOfRange(args, 1, args.length);
    switch (args[0]) {
      case "export":
        return HistoryExport.run(rest, out, err);
      case "generate-corpus":
        return generateCorpus(rest, out);
      case "replay":
        return replay(rest, out);
      case "what-if":
        return WhatIf.run(rest, out, err);
      default:
        err.println("unknown command " + args[0] + "; one of export, generate-corpus, replay, what-if");
        return 2;
    }
  }

  private static int generateCorpus(String[] args, PrintStream out) {
    Path flows = Path.of(option(args, "--flows=", "flows"));
    Path target = Path.of(option(args, "--out=", DEFAULT_CORPUS));
    double timeScale = Double.parseDouble(option(args, "--time-scale=", "10"));
    Path scenarios = Path.of(option(args, "--scenarios=", DEFAULT_SCENARIOS));
    String only = option(args, "--flow=", null);
    List<dev.ivr.flowtest.FlowTestCase> cases = new java.util.ArrayList<>(
        dev.ivr.flowtest.FlowTestCase.discover(flows));
    if (java.nio.file.Files.isDirectory(scenarios)) {
      cases.addAll(dev.ivr.flowtest.FlowTestCase.discover(scenarios));
    }
    cases.removeIf(c -> only != null && !c.flowId().equals(only));
    List<CorpusGenerator.Generated> generated =
        CorpusGenerator.generate(cases, flows, target, timeScale, ReplayKeys.fromArgs(args));
    int missing = 0;
    for (CorpusGenerator.Generated g : generated) {
      out.printf("%s %-45s %s%n", g.history() == null ? "MISSING" : g.result().passed() ? "ok     " : "ok(≠)  ",
          g.result().testCase(), g.history() == null ? String.join("; ", g.result().mismatches()) : g.history());
      if (g.history() != null && !g.result().passed()) {
        out.printf("        (written, but not as the case expects: %s; path %s)%n",
            String.join("; ", g.result().mismatches()), g.result().path());
      }
      if (g.history() == null) {
        missing++;
      }
    }
    out.printf("%d histories written under %s, %d calls did not finish%n", generated.size() - missing, target, missing);
    return missing == 0 ? 0 : 1;
  }

  private static int replay(String[] args, PrintStream out) {
    Path dir = Path.of(option(args, "--histories=", DEFAULT_CORPUS));
    var keys = ReplayKeys.fromArgs(args);
    CorpusReplay.Report report = CorpusReplay.replay(HistoryCorpus.fromDirectory(dir, keys), keys,
        CallWorkflowImpl.class);
    out.println(report.describe());
    return report.passed() ? 0 : 1;
  }

  static String option(String[] args, String prefix, String fallback) {
    for (String arg : args) {
      if (arg.startsWith(prefix)) {
        return arg.substring(prefix.length());
      }
    }
    return fallback;
  }
}
