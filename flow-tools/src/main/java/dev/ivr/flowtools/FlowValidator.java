package dev.ivr.flowtools;

import dev.ivr.workflows.flow.BusinessHoursNode;
import dev.ivr.workflows.flow.CollectDigitsNode;
import dev.ivr.workflows.flow.Flow;
import dev.ivr.workflows.flow.FlowNode;
import dev.ivr.workflows.flow.HttpNode;
import dev.ivr.workflows.flow.MenuNode;
import dev.ivr.workflows.flow.OutboundOptions;
import dev.ivr.workflows.flow.PlayNode;
import dev.ivr.workflows.flow.expr.CelExpressions;
import dev.ivr.workflows.flow.say.SayGrammar;
import dev.ivr.workflows.flow.say.SayGrammars;
import dev.ivr.workflows.flow.StatusRange;
import dev.ivr.workflows.flow.SubflowNode;
import dev.ivr.workflows.flow.TransferNode;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The checks that need the whole flow, after {@link FlowLoader} has checked syntax, schema and each
 * node. Each problem names the file, the line and the node id.
 *
 * <ul>
 *   <li><b>References</b>: every successor names a node of the flow, or {@value Flow#RETURN}.
 *   <li><b>Reachability</b>: every node can be reached from {@code start} or {@code onHangup}.
 *   <li><b>Dead ends</b>: from every reachable node some path ends the call or the subflow (a
 *       hangup, a transfer, or {@code return}): no endless loop. Where a node gives up (a menu's
 *       max failures and max timeouts, collectDigits' no-input and no-match, a failed transfer) it
 *       must name where to go, directly or through {@code onError}. An absent {@code onError}
 *       elsewhere is allowed: the model defines it as "hang up, outcome FAILED".
 *   <li><b>{@code return}</b> only makes sense in a flow that runs as a subflow: it is allowed in
 *       any flow checked on its own, and an error in a flow that the routing table sends calls to
 *       ({@link Context#returnAllowed()} false).
 *   <li><b>onHangup</b>: the nodes reachable from it play no media (the caller is gone).
 *   <li><b>Prompts</b>: every prompt key exists for every declared locale as
 *       {@code <promptsDir>/<locale>/<key>.wav}, 16 kHz mono 16-bit PCM.
 *   <li><b>Graph limits</b>: record timeouts 1..120 s, at most one prompt on record, stop tones
 *       among 0-9 * # are schema and model checks (see {@link FlowSchema}). clientContext needs no
 *       check per flow: ours is {@code call-<32 hex>:<step sequence>}, at most
 *       {@link #MAX_CLIENT_CONTEXT_LENGTH} characters, far within Graph's 256.
 *   <li><b>CEL</b>: every expression compiles against the declared variables ({@code variables},
 *       plus the variables nodes set: menu/collectDigits/record {@code variable}, set targets,
 *       http responseMapping targets, subflow returns), plus {@code response} in an http
 *       responseMapping.
 *   <li><b>Subflows</b>: each referenced flow exists; its parameters and returns name its variables.
 *   <li><b>say</b>: every locale of a flow that says something has a say grammar, and its fragment
 *       prompts exist; each item's kind and currency are model checks ({@code SayItem}).
 *   <li>Also: collectDigits patterns compile, business hours have a real time zone and ranges.
 * </ul>
 */
public final class FlowValidator {

  /** {@code call-} + 32 hex + {@code :} + the largest int: the longest clientContext we send. */
  public static final int MAX_CLIENT_CONTEXT_LENGTH = ("call-" + "0".repeat(32) + ":" + Integer.MAX_VALUE).length();

  /** Graph's limit on clientContext. */
  public static final int GRAPH_CLIENT_CONTEXT_LIMIT = 256;

  /**
   * What a flow is validated against.
   *
   * @param promptsDir the prompt catalog ({@code <dir>/<locale>/<key>.wav}); null skips prompt checks
   * @param subflows resolves a subflow reference (id or alias) to its flow, null when none; a null
   *     function skips subflow checks
   * @param returnAllowed whether {@code return} may end a path (false for flows calls are routed to)
   * @param expressions the CEL checker
   */
  public record Context(
      Path promptsDir, Function<String, LoadedFlow> subflows, boolean returnAllowed, ExpressionChecker expressions,
      Set<String> secrets) {
    public Context {
      expressions = expressions == null ? ExpressionChecker.cel() : expressions;
      secrets = secrets == null ? null : Set.copyOf(secrets);
    }

    /** Without a list of secret names: every {@code auth.secret} must be declared in {@code secrets.yaml}. */
    public Context(
        Path promptsDir, Function<String, LoadedFlow> subflows, boolean returnAllowed, ExpressionChecker expressions) {
      this(promptsDir, subflows, returnAllowed, expressions, Set.of());
    }

    /** Checks everything but subflows, prompts and secret names; {@code return} allowed. */
    public static Context standalone() {
      return new Context(null, null, true, null, null);
    }

    public Context withReturnAllowed(boolean allowed) {
      return new Context(promptsDir, subflows, allowed, expressions, secrets);
    }

    /** The same, with the names of the secrets workers hold ({@code secrets.yaml}); null skips the check. */
    public Context withSecrets(Set<String> names) {
      return new Context(promptsDir, subflows, returnAllowed, expressions, names);
    }
  }

  private FlowValidator() {}

  /** Every problem of {@code loaded}, in node order; empty when it may be registered. */
  public static List<FlowProblem> validate(LoadedFlow loaded, Context context) {
    return new Run(loaded, context).all();
  }

  /** Whether some node of {@code flow} names {@value Flow#RETURN}: the flow runs as a subflow only. */
  public static boolean returns(Flow flow) {
    return flow.nodes().values().stream()
        .anyMatch(node -> FlowGraph.successors(node).stream().anyMatch(ref -> Flow.RETURN.equals(ref.value())));
  }

  /** Throws {@link FlowException} unless {@code loaded} passes. */
  public static LoadedFlow require(LoadedFlow loaded, Context context) {
    List<FlowProblem> problems = validate(loaded, context);
    if (!problems.isEmpty()) {
      throw new FlowException(problems);
    }
    return loaded;
  }

  private static final class Run {
    private final LoadedFlow loaded;
    private final Flow flow;
    private final Context context;
    private final List<FlowProblem> problems = new ArrayList<>();
    private final Set<String> declared;
    private final PromptFiles files;

    Run(LoadedFlow loaded, Context context) {
      this.files = context.promptsDir() == null ? null : new PromptFiles(context.promptsDir());
      this.loaded = loaded;
      this.flow = loaded.flow();
      this.context = context;
      Set<String> names = new LinkedHashSet<>(FlowGraph.declaredVariables(flow));
      names.addAll(Flow.BUILT_IN_VARIABLES);
      this.declared = names;
    }

    List<FlowProblem> all() {
      references();
      if (problems.isEmpty()) {
        reachability();
      }
      flowVariables();
      outboundRetry();
      flow.nodes().forEach(this::node);
      return List.copyOf(problems);
    }

    /**
     * {@code outbound.retry}: 1..10 attempts; a delay per wait at most (the last one repeats), each an
     * ISO-8601 duration of 1 minute to 6 hours, 12 hours in all (the call's run timeout is 24 h); only
     * reasons Graph reports; and a flow that can be placed as an outbound call at all.
     */
    private void outboundRetry() {
      OutboundOptions.Retry retry = flow.outboundRetry();
      if (retry == null) {
        return;
      }
      if (retry.attempts() < 1 || retry.attempts() > OutboundOptions.Retry.MAX_ATTEMPTS) {
        problems.add(loaded.problem(null, "outbound.retry.attempts must be within 1.."
            + OutboundOptions.Retry.MAX_ATTEMPTS + " (calls in all, the first included), got " + retry.attempts(),
            "outbound", "retry", "attempts"));
      }
      int waits = Math.max(0, retry.attempts() - 1);
      if (waits > 0 && retry.delays().isEmpty()) {
        problems.add(loaded.problem(null, "outbound.retry.delays is empty: " + retry.attempts()
            + " attempts need a delay before each retry (the last delay repeats)", "outbound", "retry"));
      } else if (retry.delays().size() > waits) {
        problems.add(loaded.problem(null, "outbound.retry.delays lists " + retry.delays().size() + " delays, but "
            + retry.attempts() + " attempts wait only " + waits + " times", "outbound", "retry", "delays", waits));
      }
      List<java.time.Duration> delays = retry.parsedDelays();
      boolean valid = true;
      for (int i = 0; i < delays.size(); i++) {
        java.time.Duration delay = delays.get(i);
        if (delay == null || delay.compareTo(OutboundOptions.Retry.MIN_DELAY) < 0
            || delay.compareTo(OutboundOptions.Retry.MAX_DELAY) > 0) {
          valid = false;
          problems.add(loaded.problem(null, "outbound.retry.delays[" + i + "] must be an ISO-8601 duration of "
              + "1 minute to 6 hours (e.g. PT5M, PT1H30M), got '" + retry.delays().get(i) + "'",
              "outbound", "retry", "delays", i));
        }
      }
      if (valid && waits > 0 && !delays.isEmpty()) {
        java.time.Duration total = java.time.Duration.ZERO;
        for (int attempt = 2; attempt <= retry.attempts(); attempt++) {
          total = total.plus(retry.delayBefore(attempt));
        }
        if (total.compareTo(OutboundOptions.Retry.MAX_TOTAL_DELAY) > 0) {
          problems.add(loaded.problem(null, "outbound.retry waits " + total + " in all over " + retry.attempts()
              + " attempts, more than 12 hours (the call's whole run must end within its 24 h run timeout)",
              "outbound", "retry", "delays"));
        }
      }
      for (int i = 0; i < retry.on().size(); i++) {
        if (!TransferNode.REASONS.contains(retry.on().get(i))) {
          problems.add(loaded.problem(null, "outbound.retry.on names '" + retry.on().get(i) + "', which Graph cannot"
              + " report; an outbound call ends unanswered as one of " + TransferNode.REASONS, "outbound", "retry", "on", i));
        }
      }
      if (returns(flow)) {
        problems.add(loaded.problem(null, "outbound.retry on a flow that ends with 'return': it runs as a subflow,"
            + " and POST /api/calls never places a call with it", "outbound"));
      }
      if (flow.nodes().get(flow.start()) instanceof TransferNode start && start.isRedirect()) {
        problems.add(loaded.problem(null, "outbound.retry on a flow whose start node redirects: a redirect forwards"
            + " an incoming call before it is answered, so the flow cannot be placed as an outbound call", "outbound"));
      }
    }

    private void references() {
      if (flow.onHangup() != null && !flow.nodes().containsKey(flow.onHangup())) {
        problems.add(loaded.problem(null, "onHangup goes to '" + flow.onHangup() + "', which does not exist"
            + suggestion(flow.onHangup()), "onHangup"));
      }
      flow.nodes().forEach((id, node) -> {
        for (FlowGraph.Ref ref : FlowGraph.successors(node)) {
          String field = FlowProblem.dotted(ref.path());
          if (Flow.RETURN.equals(ref.value())) {
            if (!context.returnAllowed()) {
              problems.add(at(id, ref.path(), field + " is 'return', but flow '" + flow.id()
                  + "' is routed to calls, not run as a subflow: there is no flow to return to"));
            }
          } else if (!flow.nodes().containsKey(ref.value())) {
            problems.add(at(id, ref.path(), field + " goes to '" + ref.value() + "', which does not exist"
                + suggestion(ref.value())));
          }
        }
        if (node instanceof MenuNode menu) {
          requireExit(id, menu.onMaxFailures(), "onMaxFailures", "after maxFailures invalid keys");
          requireExit(id, menu.onMaxTimeouts(), "onMaxTimeouts", "after maxTimeouts silences");
        } else if (node instanceof CollectDigitsNode digits) {
          requireExit(id, digits.onNoInput(), "onNoInput", "after maxAttempts without input");
          requireExit(id, digits.onNoMatch(), "onNoMatch", "after maxAttempts of invalid input");
        } else if (node instanceof TransferNode transfer && !transfer.isRedirect()) {
          boolean everyReason = transfer.outcomes().keySet().containsAll(TransferNode.REASONS);
          if (!everyReason) {
            requireExit(id, transfer.onFailure(), "onFailure", "when the transfer fails");
          }
        }
      });
    }

    private void requireExit(String id, String target, String field, String when) {
      if (target == null) {
        problems.add(at(id, List.of(), "dead end " + when + ": name " + field + " (or onError)"));
      }
    }

    private void reachability() {
      Map<String, List<String>> edges = FlowGraph.edges(flow);
      Set<String> reached = reach(edges, flow.start());
      Set<String> afterHangup = flow.onHangup() == null ? Set.of() : reach(edges, flow.onHangup());
      reached.addAll(afterHangup);
      for (String id : flow.nodes().keySet()) {
        if (!reached.contains(id)) {
          problems.add(at(id, List.of(), "unreachable: no path from start"
              + (flow.onHangup() == null ? "" : " or onHangup") + " leads to this node"));
        }
      }
      for (String id : afterHangup) {
        if (FlowGraph.usesMedia(flow.nodes().get(id))) {
          problems.add(at(id, List.of(), "runs after the caller hung up (reachable from onHangup '" + flow.onHangup()
              + "') but cannot run then; only set, branch, http and businessHours run there (a hangup ends the chain)"));
        }
      }
      Set<String> ends = canEnd(edges);
      for (String id : flow.nodes().keySet()) {
        if (reached.contains(id) && !ends.contains(id)) {
          problems.add(at(id, List.of(), "dead end: no path from here reaches a hangup, a transfer"
              + (context.returnAllowed() ? " or a return" : "") + " (an endless loop)"));
        }
      }
    }

    private static Set<String> reach(Map<String, List<String>> edges, String from) {
      Set<String> seen = new LinkedHashSet<>();
      Deque<String> todo = new ArrayDeque<>(List.of(from));
      while (!todo.isEmpty()) {
        String id = todo.pop();
        if (edges.containsKey(id) && seen.add(id)) {
          todo.addAll(edges.get(id));
        }
      }
      return seen;
    }

    /** The nodes from which some path ends the call or returns: a fixpoint over the edges. */
    private Set<String> canEnd(Map<String, List<String>> edges) {
      Set<String> ends = new HashSet<>();
      flow.nodes().forEach((id, node) -> {
        if (FlowGraph.isTerminal(node) || edges.get(id).contains(Flow.RETURN)) {
          ends.add(id);
        }
      });
      boolean grew = true;
      while (grew) {
        grew = false;
        for (Map.Entry<String, List<String>> entry : edges.entrySet()) {
          if (!ends.contains(entry.getKey()) && entry.getValue().stream().anyMatch(ends::contains)) {
            ends.add(entry.getKey());
            grew = true;
          }
        }
      }
      return ends;
    }

    /** {@code caller} and {@code called} are the call's: a flow may read them, never declare or set them. */
    private void builtIns() {
      for (String name : Flow.BUILT_IN_VARIABLES) {
        if (flow.variables().containsKey(name)) {
          problems.add(loaded.problem(null, "variable '" + name + "' is built in (who called whom, set by the call):"
              + " read it, do not declare it", "variables", name));
        }
      }
      flow.nodes().forEach((id, node) -> FlowGraph.setsVariables(node).stream()
          .filter(ref -> Flow.BUILT_IN_VARIABLES.contains(ref.value()))
          .forEach(ref -> problems.add(at(id, ref.path(), "sets '" + ref.value()
              + "', a built-in variable (who called whom) that only the call sets"))));
    }

    private void flowVariables() {
      builtIns();
      if (flow.localeVariable() != null && !declared.contains(flow.localeVariable())) {
        problems.add(loaded.problem(null, "localeVariable '" + flow.localeVariable()
            + "' is not a declared variable (declare it under variables)", "localeVariable"));
      }
      for (int i = 0; i < flow.redact().size(); i++) {
        if (!declared.contains(flow.redact().get(i))) {
          problems.add(loaded.problem(null, "redact names '" + flow.redact().get(i) + "', which is not a declared variable",
              "redact", i));
        }
      }
      for (int i = 0; i < flow.secure().size(); i++) {
        if (!declared.contains(flow.secure().get(i))) {
          problems.add(loaded.problem(null, "secure names '" + flow.secure().get(i) + "', which is not a declared variable",
              "secure", i));
        }
      }
    }

    /**
     * A secure variable may be sent in an http node's body or headers, never in its url: urls reach
     * logs and error messages (their query string is cut, their path is not).
     */
    private void secureNotInUrl(String id, HttpNode node) {
      for (String name : flow.secureVariables()) {
        if (usesVariable(node.url(), name)) {
          problems.add(at(id, List.of("url"), "url uses the secure variable '" + name
              + "': send it in the body or a header (urls are logged)"));
        }
      }
      for (String name : Flow.BUILT_IN_VARIABLES) {
        if (usesVariable(node.url(), name)) {
          problems.add(at(id, List.of("url"), "url uses '" + name + "', personal data (a phone number or a user id):"
              + " send it in the body or a header (urls are logged)"));
        }
      }
    }

    private static boolean usesVariable(String expression, String name) {
      return Pattern.compile("\\b" + Pattern.quote(name) + "\\b").matcher(expression).find();
    }

    private void node(String id, FlowNode node) {
      prompts(id, node);
      expressions(id, node);
      if (node instanceof PlayNode play && !play.say().isEmpty()) {
        say(id);
      }
      if (node instanceof CollectDigitsNode digits && digits.pattern() != null) {
        try {
          Pattern.compile(digits.pattern());
        } catch (PatternSyntaxException e) {
          problems.add(at(id, List.of("pattern"), "pattern is not a valid regex: " + e.getDescription()));
        }
      } else if (node instanceof BusinessHoursNode hours) {
        businessHours(id, hours);
      } else if (node instanceof HttpNode http && http.url() != null) {
        secureNotInUrl(id, http);
        downloadLinks(id, http);
        statusRoutes(id, http);
        secret(id, http);
      } else if (node instanceof SubflowNode subflow) {
        subflow(id, subflow);
      } else if (node instanceof TransferNode transfer) {
        transfer(id, transfer);
      } else if (node instanceof PlayNode play && play.recording() != null) {
        if (!recordVariables().contains(play.recording())) {
          problems.add(at(id, List.of("recording"), "recording names '" + play.recording() + "', which no record node"
              + " of this flow sets: name the variable of a record node that runs before it"
              + (recordVariables().isEmpty() ? " (this flow has none)" : " (" + recordVariables() + ")")));
        }
      } else if (node instanceof PlayNode play && play.promptsExpression() != null
          && CelExpressions.listedStrings(play.promptsExpression(), Set.of()).isEmpty()) {
        problems.add(at(id, List.of("promptsExpression"), "promptsExpression cannot yield a prompt key: write the keys"
            + " it chooses among as string literals in lists, e.g. vip ? ['vip-welcome'] : ['welcome-back']"));
      }
    }

    /** The variables record nodes of this flow set (their recordings' metadata). */
    private Set<String> recordVariables() {
      Set<String> names = new java.util.TreeSet<>();
      flow.nodes().values().forEach(n -> {
        if (n instanceof dev.ivr.workflows.flow.RecordNode record && record.variable() != null) {
          names.add(record.variable());
        }
      });
      return names;
    }

    /**
     * {@code recordingDownloadUrl(v)}: {@code v} is a record node's variable, and the link goes in the
     * body or a header, never the url (urls are logged, and the link is a credential).
     */
    private void downloadLinks(String id, HttpNode node) {
      if (usesVariable(node.url(), CelExpressions.RECORDING_DOWNLOAD_URL)) {
        problems.add(at(id, List.of("url"), "url uses " + CelExpressions.RECORDING_DOWNLOAD_URL + "(): send the"
            + " download link in the body or a header (urls are logged, and the link is a credential)"));
      }
      java.util.List<String> texts = new java.util.ArrayList<>(node.headers().values());
      if (node.body() != null) {
        texts.add(node.body());
      }
      Pattern call = Pattern.compile("\\b" + CelExpressions.RECORDING_DOWNLOAD_URL + "\\s*\\(\\s*([^)]*?)\\s*\\)");
      for (String text : texts) {
        java.util.regex.Matcher m = call.matcher(text);
        while (m.find()) {
          if (!recordVariables().contains(m.group(1))) {
            problems.add(at(id, List.of(node.body() != null && node.body().equals(text) ? "body" : "headers"),
                CelExpressions.RECORDING_DOWNLOAD_URL + "(" + m.group(1) + "): its argument must be the variable of a"
                + " record node of this flow" + (recordVariables().isEmpty() ? " (this flow has none)"
                : " (" + recordVariables() + ")")));
          }
        }
      }
    }

    /** Only what Graph can produce: its failure reasons, a redirect before answering, a consultative transfer between users. */
    private void transfer(String id, TransferNode node) {
      node.outcomes().keySet().stream().filter(reason -> !TransferNode.REASONS.contains(reason)).forEach(reason ->
          problems.add(at(id, List.of("outcomes", reason), "outcomes names '" + reason + "', which Graph cannot produce;"
              + " a transfer fails as one of " + TransferNode.REASONS)));
      if (node.replacesCallId() != null && node.user() == null) {
        problems.add(at(id, List.of("replacesCallId"), "a consultative transfer (replacesCallId) needs a user target:"
            + " Graph transfers consultatively only between Teams users of one tenant"));
      }
      if (!node.isRedirect()) {
        return;
      }
      if (!id.equals(flow.start())) {
        problems.add(at(id, List.of("mode"), "mode redirect only works as the flow's start node:"
            + " Graph redirects a call before it is answered, and every other node runs after the answer"));
      }
      if (node.replacesCallId() != null) {
        problems.add(at(id, List.of("replacesCallId"), "a redirect cannot be consultative: the call is not answered yet"));
      }
      if (!node.outcomes().isEmpty() || node.onFailure() != null) {
        problems.add(at(id, List.of(node.outcomes().isEmpty() ? (node.onError() != null ? "onError" : "onFailure")
            : "outcomes"), "a redirect has no failure path: Graph ends the call whatever the outcome (the result names the reason)"));
      }
    }

    /** Two keys of the same width that overlap (4xx and 400-499, or 400-450 and 420-470) would be a coin toss. */
    private void statusRoutes(String id, HttpNode node) {
      List<StatusRange> ranges = node.onStatus().keySet().stream().map(StatusRange::parse).toList();
      for (int i = 0; i < ranges.size(); i++) {
        for (int j = i + 1; j < ranges.size(); j++) {
          StatusRange a = ranges.get(i);
          StatusRange b = ranges.get(j);
          if (a.width() == b.width() && a.from() <= b.to() && b.from() <= a.to()) {
            problems.add(at(id, List.of("onStatus", b.key()), "onStatus '" + b.key() + "' overlaps '" + a.key()
                + "' and is as wide: which one a status takes would be undefined"));
          }
        }
      }
    }

    /** A secret is named, never given: the name must be one the workers hold, as secrets.yaml declares. */
    private void secret(String id, HttpNode node) {
      if (node.auth() == null || context.secrets() == null || context.secrets().contains(node.auth().secret())) {
        return;
      }
      problems.add(at(id, List.of("auth", "secret"), "auth.secret '" + node.auth().secret()
          + "' is not a secret the workers hold: declare its name in secrets.yaml beside routing.yaml"
          + (context.secrets().isEmpty() ? " (none is declared)" : " (declared: " + new java.util.TreeSet<>(context.secrets()) + ")")));
    }

    private void prompts(String id, FlowNode node) {
      if (files == null) {
        return;
      }
      for (FlowGraph.Ref ref : FlowGraph.prompts(node)) {
        for (String locale : flow.locales()) {
          Optional<String> problem = files.problem(locale, ref.value());
          problem.ifPresent(text -> problems.add(at(id, ref.path(), text)));
        }
      }
    }

    /**
     * Each locale of the flow needs a say grammar (a caller in a locale without one would hear another
     * language), and each grammar's fragments must exist for its locale.
     */
    private void say(String id) {
      for (String locale : flow.locales()) {
        Optional<SayGrammar> grammar = SayGrammars.of(locale);
        if (grammar.isEmpty()) {
          problems.add(at(id, List.of("say"), "say: locale " + locale + " of the flow has no say grammar (grammars: "
              + SayGrammars.locales() + "); add one (flows/README.md, play, say) or drop the locale"));
        } else if (files != null) {
          List<String> missing = grammar.get().fragments().stream()
              .filter(key -> files.problem(locale, key).isPresent()).toList();
          if (!missing.isEmpty()) {
            problems.add(at(id, List.of("say"), "say: " + missing.size() + " " + locale + " fragment prompts are missing"
                + " or unplayable under " + files.dir().resolve(locale) + ", e.g. " + missing.subList(0, Math.min(5, missing.size()))
                + " (add them to prompts.tsv and run generate.sh)"));
          }
        }
      }
    }

    private void expressions(String id, FlowNode node) {
      for (FlowGraph.Expression expression : FlowGraph.expressions(node)) {
        Set<String> scope = declared;
        if (expression.seesResponse()) {
          scope = new LinkedHashSet<>(declared);
          scope.add("response");
        }
        for (String error : context.expressions().check(expression.text(), scope)) {
          problems.add(at(id, expression.path(), FlowProblem.dotted(expression.path()) + ": " + error));
        }
      }
    }

    private void businessHours(String id, BusinessHoursNode hours) {
      try {
        ZoneId.of(hours.timeZone());
      } catch (DateTimeException e) {
        problems.add(at(id, List.of("timeZone"), "timeZone '" + hours.timeZone() + "' is not an IANA zone id"));
      }
      hours.weekly().forEach((day, ranges) -> ranges(id, ranges, "weekly", day));
      for (int i = 0; i < hours.holidays().size(); i++) {
        date(id, hours.holidays().get(i), List.of("holidays", i));
      }
      hours.overrides().forEach((date, ranges) -> {
        date(id, date, List.of("overrides", date));
        ranges(id, ranges, "overrides", date);
      });
    }

    private void ranges(String id, List<String> ranges, String field, String key) {
      for (int i = 0; i < ranges.size(); i++) {
        String range = ranges.get(i);
        String[] ends = range.split("-");
        try {
          LocalTime from = LocalTime.parse(ends[0]);
          boolean toMidnight = "24:00".equals(ends[1]);
          if (!toMidnight && !LocalTime.parse(ends[1]).isAfter(from)) {
            problems.add(at(id, List.of(field, key, i), "range " + range + " ends before it starts"));
          }
        } catch (DateTimeParseException | ArrayIndexOutOfBoundsException e) {
          problems.add(at(id, List.of(field, key, i), "range '" + range + "' is not HH:mm-HH:mm"));
        }
      }
    }

    private void date(String id, String date, List<Object> path) {
      try {
        LocalDate.parse(date);
      } catch (DateTimeParseException e) {
        problems.add(at(id, path, "'" + date + "' is not a date (yyyy-MM-dd)"));
      }
    }

    private void subflow(String id, SubflowNode node) {
      if (context.subflows() == null) {
        return;
      }
      if (node.flow().equals(flow.id())) {
        problems.add(at(id, List.of("flow"), "flow '" + flow.id() + "' calls itself as a subflow"));
        return;
      }
      LoadedFlow child = context.subflows().apply(node.flow());
      if (child == null) {
        problems.add(at(id, List.of("flow"), "subflow '" + node.flow() + "' does not exist (no flow or alias of that name)"));
        return;
      }
      Set<String> childVariables = FlowGraph.declaredVariables(child.flow());
      node.parameters().keySet().forEach(name -> {
        if (!childVariables.contains(name)) {
          problems.add(at(id, List.of("parameters", name), "parameter '" + name + "' is not a variable of subflow '"
              + node.flow() + "'"));
        }
      });
      node.returns().forEach((parent, childName) -> {
        if (!childVariables.contains(childName)) {
          problems.add(at(id, List.of("returns", parent), "returns '" + childName + "', which is not a variable of subflow '"
              + node.flow() + "'"));
        }
      });
    }

    private FlowProblem at(String nodeId, List<Object> path, String message) {
      List<Object> full = new ArrayList<>(List.of("nodes", nodeId));
      full.addAll(path);
      return loaded.problem(nodeId, message, full.toArray());
    }

    private String suggestion(String missing) {
      String best = null;
      int bestDistance = Integer.MAX_VALUE;
      for (String id : flow.nodes().keySet()) {
        int d = distance(missing, id);
        if (d < bestDistance) {
          bestDistance = d;
          best = id;
        }
      }
      return best != null && bestDistance <= Math.max(2, missing.length() / 3) ? " (did you mean '" + best + "'?)" : "";
    }
  }

  private static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        cur[j] = Math.min(Math.min(cur[j - 1], prev[j]) + 1, prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
