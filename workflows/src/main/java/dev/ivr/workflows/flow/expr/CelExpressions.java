package dev.ivr.workflows.flow.expr;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelFunctionDecl;
import dev.cel.common.CelOverloadDecl;
import dev.cel.common.CelIssue;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationResult;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerBuilder;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelFunctionBinding;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import dev.cel.runtime.Program;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The flow language's expressions, in CEL with the standard library only: no I/O, no clock, no
 * randomness, so evaluation is deterministic and safe inside workflow code.
 *
 * <p>Sandboxed by construction: the standard library has no function that reaches the clock, the
 * network or files, and the options below bound the size of an expression and its iterations.
 *
 * <p>Every variable is declared {@code dyn}; values are JSON-like ({@code String}, {@code Long},
 * {@code Double}, {@code Boolean}, {@code List}, {@code Map} with string keys, null). Compiled
 * programs are cached by expression and declared names: the cache is a pure function of its key,
 * never workflow state.
 */
public final class CelExpressions {
  private static final int MAX_CACHED = 4096;
  /** Bounds what one expression may cost: its size, nesting, loop iterations and regex programs. */
  private static final CelOptions OPTIONS = CelOptions.current()
      .maxParseExpressionNodeCount(1_000)
      .maxParseRecursionDepth(50)
      .comprehensionMaxIterations(1_000)
      .maxRegexProgramSize(1_000)
      .build();
  /**
   * {@code recordingDownloadUrl(message)}: a record node's variable → a placeholder that the http
   * activity replaces with a signed download URL ({@link DownloadPlaceholders}). Deterministic: the
   * placeholder only encodes the recording's location.
   */
  public static final String RECORDING_DOWNLOAD_URL = "recordingDownloadUrl";
  private static final String RECORDING_DOWNLOAD_URL_OVERLOAD = "recordingDownloadUrl_dyn";
  private static final CelRuntime RUNTIME = CelRuntimeFactory.standardCelRuntimeBuilder().setOptions(OPTIONS)
      .addFunctionBindings(CelFunctionBinding.from(RECORDING_DOWNLOAD_URL_OVERLOAD, Map.class,
          CelExpressions::recordingDownloadUrl))
      .build();
  private static final Map<String, Program> PROGRAMS = new ConcurrentHashMap<>();

  private CelExpressions() {}

  /**
   * Compiles and type-checks {@code expression} with {@code declaredVariables} as its only
   * variables. Returns the errors (an undeclared variable is one), empty when it is fine.
   */
  public static List<String> check(String expression, Set<String> declaredVariables) {
    if (expression == null || expression.isBlank()) {
      return List.of("expression is empty");
    }
    CelValidationResult result = compiler(new TreeSet<>(declaredVariables)).compile(expression);
    if (!result.hasError()) {
      return List.of();
    }
    return result.getErrors().stream().map(CelIssue::getMessage).map(m -> expression + ": " + m).toList();
  }

  /**
   * Evaluates {@code expression} over {@code variables} (their names are its declared variables).
   * Returns a JSON-like value.
   *
   * @throws ExpressionException when it does not compile or fails to evaluate
   */
  public static Object evaluate(String expression, Map<String, ?> variables) {
    Program program = program(expression, variables.keySet());
    try {
      Object value = program.eval(name -> variables.containsKey(name)
          ? Optional.of(CelValues.toCel(variables.get(name)))
          : Optional.empty());
      return CelValues.fromCel(value);
    } catch (CelEvaluationException | RuntimeException e) {
      // anything a value can make CEL throw is the flow's error, never a failed workflow task; CEL
      // reports our own functions' failures with their arguments, not their message: give the message
      Throwable cause = e.getCause();
      String detail = cause instanceof IllegalArgumentException own && String.valueOf(own.getMessage())
          .startsWith(RECORDING_DOWNLOAD_URL) ? own.getMessage() : e.getMessage();
      throw new ExpressionException("'" + expression + "' failed: " + detail);
    }
  }

  /** Evaluates a condition; anything but a boolean result is an error. */
  public static boolean test(String expression, Map<String, ?> variables) {
    Object value = evaluate(expression, variables);
    if (value instanceof Boolean b) {
      return b;
    }
    throw new ExpressionException("'" + expression + "' is not a boolean: " + value);
  }

  /** Evaluates an expression that must yield a string. */
  public static String string(String expression, Map<String, ?> variables) {
    Object value = evaluate(expression, variables);
    if (value instanceof String s) {
      return s;
    }
    throw new ExpressionException("'" + expression + "' is not a string: " + value);
  }

  /**
   * The string literals that are elements of list literals in {@code expression} (any depth): the
   * prompt keys a {@code promptsExpression} can yield. Empty when it does not parse.
   */
  public static Set<String> listedStrings(String expression, Set<String> declaredVariables) {
    CelValidationResult result = compiler(new TreeSet<>(declaredVariables)).parse(expression == null ? "" : expression);
    Set<String> found = new java.util.LinkedHashSet<>();
    if (!result.hasError()) {
      try {
        collectListed(result.getAst().getExpr(), false, found);
      } catch (dev.cel.common.CelValidationException e) {
        return Set.of();
      }
    }
    return found;
  }

  private static void collectListed(dev.cel.common.ast.CelExpr expr, boolean inList, Set<String> found) {
    switch (expr.getKind()) {
      case CONSTANT -> {
        if (inList && expr.constant().getKind() == dev.cel.common.ast.CelConstant.Kind.STRING_VALUE) {
          found.add(expr.constant().stringValue());
        }
      }
      case LIST -> expr.list().elements().forEach(e -> collectListed(e, true, found));
      case CALL -> {
        expr.call().target().ifPresent(t -> collectListed(t, false, found));
        expr.call().args().forEach(a -> collectListed(a, false, found));
      }
      case SELECT -> collectListed(expr.select().operand(), false, found);
      default -> { }
    }
  }

  /**
   * Evaluates a {@code promptsExpression}: a list of strings, or one string, is the prompt keys.
   *
   * @throws ExpressionException when it yields anything else
   */
  public static List<String> strings(String expression, Map<String, ?> variables) {
    Object value = evaluate(expression, variables);
    if (value instanceof String s) {
      return List.of(s);
    }
    if (value instanceof List<?> list && list.stream().allMatch(String.class::isInstance)) {
      return list.stream().map(String.class::cast).toList();
    }
    throw new ExpressionException("'" + expression + "' is not a list of prompt keys: " + value);
  }

  private static Program program(String expression, Set<String> names) {
    TreeSet<String> sorted = new TreeSet<>(names);
    String key = String.join(",", sorted) + "\n" + expression;
    Program cached = PROGRAMS.get(key);
    if (cached != null) {
      return cached;
    }
    CelValidationResult result = compiler(sorted).compile(expression == null ? "" : expression);
    if (result.hasError()) {
      throw new ExpressionException("'" + expression + "' does not compile: " + result.getErrorString());
    }
    try {
      CelAbstractSyntaxTree ast = result.getAst();
      Program program = RUNTIME.createProgram(ast);
      if (PROGRAMS.size() >= MAX_CACHED) {
        PROGRAMS.clear();
      }
      PROGRAMS.put(key, program);
      return program;
    } catch (Exception e) {
      throw new ExpressionException("'" + expression + "' cannot be planned: " + e.getMessage());
    }
  }

  private static String recordingDownloadUrl(Map<?, ?> recording) {
    Object location = recording.get("location");
    if (!(location instanceof String name) || name.isBlank()) {
      throw new IllegalArgumentException(RECORDING_DOWNLOAD_URL + "(): the variable holds no recording (no location)");
    }
    return DownloadPlaceholders.of(name);
  }

  private static CelCompiler compiler(Set<String> names) {
    CelCompilerBuilder builder = CelCompilerFactory.standardCelCompilerBuilder().setOptions(OPTIONS)
        .addFunctionDeclarations(CelFunctionDecl.newFunctionDeclaration(RECORDING_DOWNLOAD_URL,
            CelOverloadDecl.newGlobalOverload(RECORDING_DOWNLOAD_URL_OVERLOAD, SimpleType.STRING, SimpleType.DYN)));
    for (String name : names) {
      builder.addVar(name, SimpleType.DYN);
    }
    return builder.build();
  }
}
