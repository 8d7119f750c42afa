package dev.ivr.flowtools;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The flow command line: {@code validate [--prompts DIR | --no-prompts] PATH...}.
 *
 * <ul>
 *   <li>A directory is a flows directory: every {@code <id>/flow.yaml} plus its
 *       {@code routing.yaml}, validated exactly as the api loads it.
 *   <li>A file is one flow, validated on its own: subflows resolve to sibling flow directories
 *       ({@code ../<ref>/flow.yaml}), {@code return} is allowed.
 *   <li>Prompts are checked in {@code --prompts DIR}, else in {@code prompts/} beside the flow
 *       directories when it exists.
 * </ul>
 *
 * Prints {@code OK <file> <id>@<version>} per valid flow and one line per problem
 * ({@code file:line: node 'id': message}); exits 0 when all pass, 1 when any fails, 2 on bad usage.
 */
public final class FlowCli {

  private FlowCli() {}

  public static void main(String[] args) {
    // the CLI jar ships no logging backend: its output is the problems it prints, not logs
    System.setProperty("slf4j.internal.verbosity", "ERROR");
    System.exit(run(args, System.out, System.err));
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length < 2 || !"validate".equals(args[0])) {
      err.println("usage: flow validate [--prompts DIR | --no-prompts] PATH...   (a flows directory or flow files)");
      return 2;
    }
    Path prompts = null;
    boolean noPrompts = false;
    List<Path> paths = new ArrayList<>();
    for (int i = 1; i < args.length; i++) {
      if ("--prompts".equals(args[i]) && i + 1 < args.length) {
        prompts = Path.of(args[++i]);
      } else if ("--no-prompts".equals(args[i])) {
        noPrompts = true;
      } else if (args[i].startsWith("--")) {
        err.println("unknown option " + args[i]);
        return 2;
      } else {
        paths.add(Path.of(args[i]));
      }
    }
    if (paths.isEmpty()) {
      err.println("no path given");
      return 2;
    }
    List<FlowProblem> problems = new ArrayList<>();
    for (Path path : paths) {
      problems.addAll(Files.isDirectory(path) ? directory(path, promptsFor(path, prompts, noPrompts), out)
          : file(path, promptsFor(parentOfFlows(path), prompts, noPrompts), out));
    }
    problems.forEach(out::println);
    if (!problems.isEmpty()) {
      err.println(problems.size() + " problem(s)");
    }
    return problems.isEmpty() ? 0 : 1;
  }

  private static List<FlowProblem> directory(Path dir, Path prompts, PrintStream out) {
    Path routing = dir.resolve("routing.yaml");
    try {
      FlowRepository repository = FlowRepository.open(new FlowRepository.Settings(dir, routing, prompts, null));
      repository.snapshot().flows().values().forEach(f -> out.println("OK " + f.file() + " " + f.id() + "@" + f.version()));
      return List.of();
    } catch (FlowException e) {
      return e.problems();
    }
  }

  private static List<FlowProblem> file(Path file, Path prompts, PrintStream out) {
    try {
      LoadedFlow loaded = FlowLoader.load(file);
      Path flows = parentOfFlows(file);
      FlowValidator.Context context = new FlowValidator.Context(prompts, ref -> sibling(flows, ref), true, null,
          SecretNames.read(flows));
      FlowValidator.require(loaded, context);
      out.println("OK " + loaded.file() + " " + loaded.id() + "@" + loaded.version());
      return List.of();
    } catch (FlowException e) {
      return e.problems();
    }
  }

  private static LoadedFlow sibling(Path flows, String ref) {
    if (flows == null || !ref.matches("[A-Za-z0-9][A-Za-z0-9_-]{0,63}")) {
      return null;
    }
    for (String name : List.of("flow.yaml", "flow.yml", "flow.json")) {
      Path candidate = flows.resolve(ref).resolve(name);
      if (Files.isRegularFile(candidate)) {
        try {
          return FlowLoader.load(candidate);
        } catch (FlowException e) {
          return null;
        }
      }
    }
    return null;
  }

  /** {@code flows/} for {@code flows/<id>/flow.yaml}. */
  private static Path parentOfFlows(Path file) {
    Path dir = file.toAbsolutePath().normalize().getParent();
    return dir == null ? null : dir.getParent();
  }

  private static Path promptsFor(Path flowsDir, Path explicit, boolean none) {
    if (none) {
      return null;
    }
    if (explicit != null) {
      return explicit;
    }
    Path guess = flowsDir == null ? null : flowsDir.resolve("prompts");
    return guess != null && Files.isDirectory(guess) ? guess : null;
  }
}
