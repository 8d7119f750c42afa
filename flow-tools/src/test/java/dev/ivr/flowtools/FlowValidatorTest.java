package dev.ivr.flowtools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.ivr.workflows.flow.say.SayGrammars;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FlowValidatorTest {

  @TempDir Path tmp;

  @Test
  void unreachableNode_isRejectedWithItsIdAndLine() {
    String yaml = """
        id: f
        start: hello
        nodes:
          hello:
            type: play
            prompts: [hi]
            next: end
          orphan:
            type: play
            prompts: [hi]
            next: end
          end:
            type: hangup
        """;
    assertThat(validate(yaml)).containsExactly(
        "flows/f/flow.yaml:8: node 'orphan': unreachable: no path from start leads to this node");
  }

  @Test
  void secureVariables_mustBeDeclared_andNeverGoInAnHttpUrl() {
    String yaml = """
        id: f
        variables: {pin: ""}
        secure: [pin, account]
        start: ask
        nodes:
          ask: {type: collectDigits, variable: pin, secure: true, next: check, onError: end}
          check: {type: http, method: POST, url: "'https://bank.example/pins/' + pin", next: end, onError: end}
          end: {type: hangup}
        """;
    assertThat(validate(yaml)).containsExactly(
        "flows/f/flow.yaml:3: secure names 'account', which is not a declared variable",
        "flows/f/flow.yaml:7: node 'check': url uses the secure variable 'pin': send it in the body or a header (urls are logged)");
  }

  @Test
  void aSecureVariableInTheBody_isValid() {
    String yaml = """
        id: f
        variables: {pin: ""}
        start: ask
        nodes:
          ask: {type: collectDigits, variable: pin, secure: true, next: check, onError: end}
          check: {type: http, method: POST, url: "'https://bank.example/pins'", onError: end, body: "{'pin': pin}", next: end}
          end: {type: hangup}
        """;
    assertThat(validate(yaml)).isEmpty();
  }

  @Test
  void callerAndCalled_areBuiltIn_readableEverywhere_neverDeclaredSetOrInAUrl() {
    String ok = """
        id: f
        variables: {vip: false}
        start: route
        nodes:
          route: {type: set, values: {vip: 'caller.phone == "+14255550100" && called.kind == "applicationInstance"'}, next: crm}
          crm: {type: http, method: POST, url: "'https://crm.example/lookups'", body: "{'phone': caller.phone}", next: end}
          end: {type: hangup}
        """;
    assertThat(validate(ok)).isEmpty();
    String bad = """
        id: f
        variables: {caller: ""}
        start: route
        nodes:
          route: {type: set, values: {called: "'x'"}, next: crm}
          crm: {type: http, method: GET, url: "'https://crm.example/by-phone/' + caller.phone", next: end}
          end: {type: hangup}
        """;
    assertThat(validate(bad)).containsExactly(
        "flows/f/flow.yaml:2: variable 'caller' is built in (who called whom, set by the call): read it, do not declare it",
        "flows/f/flow.yaml:5: node 'route': sets 'called', a built-in variable (who called whom) that only the call sets",
        "flows/f/flow.yaml:6: node 'crm': url uses 'caller', personal data (a phone number or a user id): send it in the body or a header (urls are logged)");
  }

  @Test
  void httpRoutes_areSuccessors_overlapsOfOneWidthAndUnknownSecretsAreRejected() {
    String yaml = """
        id: f
        start: lookup
        nodes:
          lookup:
            type: http
            url: "'https://crm.example/x'"
            auth: {secret: crm-apj}
            onStatus: {"404": gone, "4xx": end, "400-499": end}
            branches:
              - {when: "response.body.vip", next: vipp}
            next: end
          gone: {type: hangup}
          end: {type: hangup}
        """;
    LoadedFlow loaded = FlowLoader.parse(yaml.getBytes(StandardCharsets.UTF_8), "flows/f/flow.yaml");
    List<String> problems = strings(FlowValidator.validate(loaded,
        FlowValidator.Context.standalone().withSecrets(java.util.Set.of("crm-api"))));

    assertThat(problems).containsExactly(
        "flows/f/flow.yaml:10: node 'lookup': branches[0].next goes to 'vipp', which does not exist",
        "flows/f/flow.yaml:8: node 'lookup': onStatus '400-499' overlaps '4xx' and is as wide: which one a status takes would be undefined",
        "flows/f/flow.yaml:7: node 'lookup': auth.secret 'crm-apj' is not a secret the workers hold: declare its name in secrets.yaml beside routing.yaml (declared: [crm-api])");
  }

  @Test
  void aStatusKeyThatIsNoStatus_isASchemaError() {
    String yaml = """
        id: f
        start: lookup
        nodes:
          lookup: {type: http, url: "'https://x'", onStatus: {"4x4": end}, next: end}
          end: {type: hangup}
        """;
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> validate(yaml)).isInstanceOf(FlowException.class)
        .hasMessageContaining("flows/f/flow.yaml:4").hasMessageContaining("4x4");
  }

  @Test
  void transferBranches_areOnlyWhatGraphCanProduce() {
    String yaml = """
        id: f
        start: menu
        nodes:
          menu: {type: play, prompts: [hi], next: agent}
          agent:
            type: transfer
            phone: "+15550100"
            replacesCallId: "'abc'"
            outcomes: {busy: end, voicemail: end}
            onFailure: end
          forward: {type: transfer, phone: "+15550100", mode: redirect, onFailure: end}
          end: {type: hangup}
        """;
    List<String> problems = validate(yaml);

    assertThat(problems).containsExactly(
        "flows/f/flow.yaml:11: node 'forward': unreachable: no path from start leads to this node",
        "flows/f/flow.yaml:9: node 'agent': outcomes names 'voicemail', which Graph cannot produce; a transfer fails as one of [busy, noAnswer, declined, unreachable, failed]",
        "flows/f/flow.yaml:8: node 'agent': a consultative transfer (replacesCallId) needs a user target: Graph transfers consultatively only between Teams users of one tenant",
        "flows/f/flow.yaml:11: node 'forward': mode redirect only works as the flow's start node: Graph redirects a call before it is answered, and every other node runs after the answer",
        "flows/f/flow.yaml:11: node 'forward': a redirect has no failure path: Graph ends the call whatever the outcome (the result names the reason)");
  }

  @Test
  void aTransferWithAnOutcomeForEveryReason_needsNoOnFailure_andARedirectStartNeedsNone() {
    String yaml = """
        id: f
        start: agent
        nodes:
          agent:
            type: transfer
            user: agent-1
            outcomes: {busy: end, noAnswer: end, declined: end, unreachable: end, failed: end}
          end: {type: hangup}
        """;
    assertThat(validate(yaml)).isEmpty();
    assertThat(validate("""
        id: g
        start: forward
        nodes:
          forward: {type: transfer, phone: "+15550100", mode: redirect}
        """)).isEmpty();
  }

  @Test
  void promptsExpression_mustListTheKeysItChoosesAmong() {
    String yaml = """
        id: f
        variables: {vip: false, key: ""}
        start: a
        nodes:
          a: {type: play, promptsExpression: "vip ? ['hi'] : ['bye', 'hi']", next: b}
          b: {type: play, promptsExpression: "key", next: end}
          end: {type: hangup}
        """;
    assertThat(validate(yaml)).containsExactly(
        "flows/f/flow.yaml:6: node 'b': promptsExpression cannot yield a prompt key: write the keys it chooses among as"
            + " string literals in lists, e.g. vip ? ['vip-welcome'] : ['welcome-back']");
  }

  @Test
  void say_eachItemHasExactlyOneKind_andNoPromptsBeside() {
    String yaml = """
        id: f
        variables: {n: 0}
        start: a
        nodes:
          a:
            type: play
            say:
              - prompt: hi
              - {number: n, digits: "'12'"}
            next: end
          end: {type: hangup}
        """;
    assertThat(catchThrowableOfType(() -> FlowLoader.parse(yaml.getBytes(StandardCharsets.UTF_8), "flows/f/flow.yaml"),
        FlowException.class).problems()).extracting(FlowProblem::toString).containsExactly(
        "flows/f/flow.yaml:9: node 'a': say[1]: a say item takes exactly one of prompt, number, digits, amount, date");
    assertThat(modelError("say: [{}]")).contains("say[0]: a say item takes exactly one of prompt, number");
    assertThat(modelError("say: [{amount: n, currency: GBP}]")).contains("currency").contains("GBP");
    assertThat(modelError("say: [{number: n, currency: EUR}]")).contains("currency");
    assertThat(modelError("say: [{prompt: hi}], prompts: [hi]")).contains("say instead of prompts");
  }

  @Test
  void say_expressionsCompile_andEveryLocaleNeedsAGrammar() {
    String yaml = """
        id: f
        locales: [en-US, de-DE]
        variables: {n: 0}
        start: a
        nodes:
          a:
            type: play
            say:
              - number: n + 1
              - amount: balance
                currency: EUR
            next: end
          end: {type: hangup}
        """;
    List<String> problems = validate(yaml);
    assertThat(problems).hasSize(2);
    assertThat(problems.get(1)).isEqualTo("flows/f/flow.yaml:8: node 'a': say: locale de-DE of the flow has no say grammar"
        + " (grammars: [en-US, fr-FR]); add one (flows/README.md, play, say) or drop the locale");
    assertThat(problems.get(0)).startsWith("flows/f/flow.yaml:10: node 'a': say[1].amount: balance: ")
        .contains("undeclared reference to 'balance'");
  }

  @Test
  void say_fragmentsAndPromptsMustExistInEachLocale() {
    Path prompts = tmp.resolve("prompts");
    TestFiles.prompt(prompts, "en-US", "hi");
    TestFiles.prompt(prompts, "fr-FR", "hi");
    SayGrammars.of("en-US").orElseThrow().fragments().forEach(key -> TestFiles.prompt(prompts, "en-US", key));
    String yaml = """
        id: f
        locales: [en-US, fr-FR]
        variables: {d: "2026-12-05"}
        start: a
        nodes:
          a:
            type: play
            say: [{prompt: hi}, {date: d}, {prompt: bye}]
            next: end
          end: {type: hangup}
        """;
    List<String> problems = strings(FlowValidator.validate(FlowLoaderTest.parse(yaml),
        new FlowValidator.Context(prompts, null, true, null)));
    assertThat(problems).hasSize(3);
    assertThat(problems.get(0)).startsWith("flows/bad/flow.yaml:8: node 'a': prompt 'bye' has no en-US audio");
    assertThat(problems.get(1)).startsWith("flows/bad/flow.yaml:8: node 'a': prompt 'bye' has no fr-FR audio");
    assertThat(problems.get(2)).startsWith("flows/bad/flow.yaml:8: node 'a': say: 58 fr-FR fragment prompts are missing")
        .contains("(add them to prompts.tsv and run generate.sh)");
  }

  @Test
  void aRecordingPlayedBack_isARecordNodesVariable_andItsDownloadLinkGoesInTheBody() {
    String yaml = """
        id: f
        variables: {hook: "https://hooks.example", other: {}}
        start: rec
        nodes:
          rec: {type: record, variable: message, next: listen}
          listen: {type: play, prompts: [hi], recording: message, next: wrong}
          wrong: {type: play, recording: other, next: deliver}
          deliver: {type: http, method: POST, url: "hook + recordingDownloadUrl(message)", body: "{'url': recordingDownloadUrl(other)}", next: end}
          end: {type: hangup}
        """;
    assertThat(validate(yaml)).containsExactly(
        "flows/f/flow.yaml:7: node 'wrong': recording names 'other', which no record node of this flow sets: name the"
            + " variable of a record node that runs before it ([message])",
        "flows/f/flow.yaml:8: node 'deliver': url uses recordingDownloadUrl(): send the download link in the body or a"
            + " header (urls are logged, and the link is a credential)",
        "flows/f/flow.yaml:8: node 'deliver': recordingDownloadUrl(other): its argument must be the variable of a record"
            + " node of this flow ([message])");
  }

  @Test
  void aRecordingWithPromptsExpression_orAnUnknownFunction_isRejectedNamingTheNode() {
    String both = """
        id: f
        start: rec
        nodes:
          rec: {type: record, variable: message, next: listen}
          listen: {type: play, promptsExpression: "['hi']", recording: message, next: end}
          end: {type: hangup}
        """;
    assertThat(org.assertj.core.api.Assertions.catchThrowableOfType(
        () -> FlowLoader.parse(both.getBytes(StandardCharsets.UTF_8), "flows/f/flow.yaml"), FlowException.class).problems())
        .singleElement().hasToString("flows/f/flow.yaml:5: node 'listen': play takes a recording with at most 19 prompts,"
            + " not with promptsExpression");
    String unknown = """
        id: f
        variables: {hook: "https://hooks.example"}
        start: rec
        nodes:
          rec: {type: record, variable: message, next: deliver}
          deliver: {type: http, method: POST, url: hook, body: "{'url': recordingDownloadLink(message)}", next: end}
          end: {type: hangup}
        """;
    assertThat(validate(unknown)).singleElement().asString()
        .startsWith("flows/f/flow.yaml:6: node 'deliver': ")
        .contains("recordingDownloadLink");
  }

  @Test
  void unknownSuccessor_isRejectedWithASuggestion() {
    String yaml = "id: f\nstart: a\nnodes:\n  a:\n    type: play\n    prompts: [hi]\n    next: goodby\n  goodbye: {type: hangup}\n";
    assertThat(validate(yaml)).containsExactly(
        "flows/f/flow.yaml:7: node 'a': next goes to 'goodby', which does not exist (did you mean 'goodbye'?)");
  }

  @Test
  void loopWithoutExit_isADeadEnd() {
    String yaml = """
        id: f
        start: a
        nodes:
          a: {type: play, prompts: [hi], next: b}
          b: {type: play, prompts: [hi], next: a}
        """;
    assertThat(validate(yaml)).containsExactly(
        "flows/f/flow.yaml:4: node 'a': dead end: no path from here reaches a hangup, a transfer or a return (an endless loop)",
        "flows/f/flow.yaml:5: node 'b': dead end: no path from here reaches a hangup, a transfer or a return (an endless loop)");
  }

  @Test
  void nodesThatGiveUp_mustSayWhereToGo() {
    String yaml = """
        id: f
        start: m
        nodes:
          m:
            type: menu
            greeting: hi
            choices: {"1": d}
          d:
            type: collectDigits
            variable: pin
            next: t
          t:
            type: transfer
            phone: "+15550100200"
        """;
    assertThat(validate(yaml)).containsExactly(
        "flows/f/flow.yaml:4: node 'm': dead end after maxFailures invalid keys: name onMaxFailures (or onError)",
        "flows/f/flow.yaml:4: node 'm': dead end after maxTimeouts silences: name onMaxTimeouts (or onError)",
        "flows/f/flow.yaml:8: node 'd': dead end after maxAttempts without input: name onNoInput (or onError)",
        "flows/f/flow.yaml:8: node 'd': dead end after maxAttempts of invalid input: name onNoMatch (or onError)",
        "flows/f/flow.yaml:12: node 't': dead end when the transfer fails: name onFailure (or onError)");
  }

  @Test
  void returnEndsASubflow_butNotARoutedFlow() {
    String yaml = "id: f\nstart: a\nnodes:\n  a:\n    type: play\n    prompts: [hi]\n    next: return\n";
    assertThat(validate(yaml)).isEmpty();
    LoadedFlow loaded = FlowLoaderTest.parse(yaml);
    assertThat(strings(FlowValidator.validate(loaded, FlowValidator.Context.standalone().withReturnAllowed(false))))
        .contains("flows/bad/flow.yaml:7: node 'a': next is 'return', but flow 'f' is routed to calls, not run as a subflow:"
            + " there is no flow to return to");
  }

  @Test
  void onHangupPath_playsNoMedia() {
    String yaml = """
        id: f
        start: a
        onHangup: bye
        nodes:
          a: {type: hangup}
          bye: {type: play, prompts: [hi], next: a}
        """;
    assertThat(validate(yaml)).containsExactly(
        "flows/f/flow.yaml:6: node 'bye': runs after the caller hung up (reachable from onHangup 'bye') but cannot"
            + " run then; only set, branch, http and businessHours run there (a hangup ends the chain)");
  }

  @Test
  void onHangupPath_callsNoSubflow_becauseTheInterpreterStopsThere() {
    String yaml = """
        id: f
        start: a
        onHangup: log
        nodes:
          a: {type: hangup}
          log: {type: subflow, flow: audit, next: a}
        """;
    assertThat(validate(yaml)).anySatisfy(problem -> assertThat(problem)
        .contains("node 'log': runs after the caller hung up").contains("only set, branch, http and businessHours"));
  }

  @Test
  void promptsMustExistInEveryLocale_as16kMonoPcm() {
    Path prompts = tmp.resolve("prompts");
    TestFiles.prompt(prompts, "en-US", "hi");
    TestFiles.prompt(prompts, "en-US", "menu");
    TestFiles.prompt(prompts, "fr-FR", "hi");
    TestFiles.wav(prompts.resolve("fr-FR/menu.wav"), 8_000, 1, 16);
    String yaml = """
        id: f
        locales: [en-US, fr-FR]
        start: a
        nodes:
          a: {type: play, prompts: [hi, bye], next: m}
          m:
            type: menu
            greeting: menu
            choices: {"1": e}
            onError: e
          e: {type: hangup}
        """;
    List<String> problems = strings(FlowValidator.validate(FlowLoaderTest.parse(yaml),
        new FlowValidator.Context(prompts, null, true, null)));
    assertThat(problems).hasSize(3);
    assertThat(problems.get(0)).startsWith("flows/bad/flow.yaml:5: node 'a': prompt 'bye' has no en-US audio: no file ");
    assertThat(problems.get(1)).startsWith("flows/bad/flow.yaml:5: node 'a': prompt 'bye' has no fr-FR audio: no file ");
    assertThat(problems.get(2)).startsWith("flows/bad/flow.yaml:8: node 'm': prompt file ")
        .contains("fr-FR/menu.wav is PCM, 8000 Hz, 1 channel(s), 16-bit; Graph plays only 16 kHz mono 16-bit PCM WAV");
  }

  @Test
  void expressions_seeDeclaredAndNodeSetVariables_andResponseOnlyInMappings() {
    List<String> checked = new ArrayList<>();
    ExpressionChecker recorder = (expression, variables) -> {
      checked.add(expression + " " + variables);
      return expression.contains("oops") ? List.of("undeclared reference to 'oops'") : List.of();
    };
    String yaml = """
        id: f
        variables: {account: ""}
        start: d
        nodes:
          d: {type: collectDigits, variable: digits, next: h, onError: e}
          h:
            type: http
            url: "'https://x/' + digits"
            responseMapping: {name: response.body.name}
            next: b
          b:
            type: branch
            conditions:
              - {when: "oops == 1", next: e}
            otherwise: e
          e: {type: hangup}
        """;
    List<String> problems = strings(FlowValidator.validate(FlowLoaderTest.parse(yaml),
        new FlowValidator.Context(null, null, true, recorder)));

    assertThat(problems).containsExactly(
        "flows/bad/flow.yaml:14: node 'b': conditions[0].when: undeclared reference to 'oops'");
    assertThat(checked).containsExactly(
        "'https://x/' + digits [account, digits, name, caller, called]",
        "response.body.name [account, digits, name, caller, called, response]",
        "oops == 1 [account, digits, name, caller, called]");
  }

  @Test
  void realCel_rejectsSyntaxErrorsAndUndeclaredVariables() {
    String yaml = """
        id: f
        variables: {n: 0}
        start: s
        nodes:
          s: {type: set, values: {m: "n + 1", k: "n +"}, next: b}
          b:
            type: branch
            conditions: [{when: "undeclared > 1", next: e}]
            otherwise: e
          e: {type: hangup}
        """;
    List<String> problems = validate(yaml);
    assertThat(problems).hasSize(2);
    assertThat(problems.get(0)).startsWith("flows/f/flow.yaml:5: node 's': values.k: ");
    assertThat(problems.get(1)).startsWith("flows/f/flow.yaml:8: node 'b': conditions[0].when: ").contains("undeclared");
  }

  @Test
  void subflows_mustExist_andTheirParametersAndReturnsMustBeTheirVariables() {
    LoadedFlow child = FlowLoader.parse("""
        id: child
        variables: {input: "", output: ""}
        start: a
        nodes:
          a: {type: set, values: {output: input}, next: return}
        """.getBytes(StandardCharsets.UTF_8), "flows/child/flow.yaml");
    String yaml = """
        id: parent
        variables: {x: ""}
        start: s
        nodes:
          s:
            type: subflow
            flow: child
            parameters: {input: x, nope: x}
            returns: {x: output, y: missing}
            next: t
          t: {type: subflow, flow: ghost, next: e}
          e: {type: hangup}
        """;
    List<String> problems = strings(FlowValidator.validate(FlowLoaderTest.parse(yaml),
        new FlowValidator.Context(null, Map.of("child", child)::get, false, (e, v) -> List.of())));
    assertThat(problems).containsExactly(
        "flows/bad/flow.yaml:8: node 's': parameter 'nope' is not a variable of subflow 'child'",
        "flows/bad/flow.yaml:9: node 's': returns 'missing', which is not a variable of subflow 'child'",
        "flows/bad/flow.yaml:11: node 't': subflow 'ghost' does not exist (no flow or alias of that name)");
  }

  @Test
  void otherChecks_patternTimeZoneRangesLocaleVariable() {
    String yaml = """
        id: f
        localeVariable: lang
        start: d
        nodes:
          d: {type: collectDigits, variable: v, pattern: "[0-9", next: h, onError: e}
          h:
            type: businessHours
            timeZone: Mars/Olympus
            weekly: {mon: ["17:00-09:00"]}
            open: e
            closed: e
          e: {type: hangup}
        """;
    assertThat(validate(yaml)).containsExactly(
        "flows/f/flow.yaml:2: localeVariable 'lang' is not a declared variable (declare it under variables)",
        "flows/f/flow.yaml:5: node 'd': pattern is not a valid regex: Unclosed character class",
        "flows/f/flow.yaml:8: node 'h': timeZone 'Mars/Olympus' is not an IANA zone id",
        "flows/f/flow.yaml:9: node 'h': range 17:00-09:00 ends before it starts");
  }

  @Test
  void ourClientContext_staysWithinGraphsLimit() {
    assertThat(FlowValidator.MAX_CLIENT_CONTEXT_LENGTH).isEqualTo(48)
        .isLessThanOrEqualTo(FlowValidator.GRAPH_CLIENT_CONTEXT_LIMIT);
  }

  @Test
  void theExampleFlows_allPass() {
    FlowRepository repository = FlowRepository.open(new FlowRepository.Settings(Path.of("../flows"), Path.of("../flows/prompts")));
    assertThat(repository.snapshot().flows()).containsKey("voicemail");
  }

  /** The loader's message for a play node {@code a} with {@code fields}. */
  private static String modelError(String fields) {
    String yaml = "id: f\nvariables: {n: 0}\nstart: a\nnodes:\n  a: {type: play, " + fields + ", next: end}\n  end: {type: hangup}\n";
    return catchThrowableOfType(() -> FlowLoader.parse(yaml.getBytes(StandardCharsets.UTF_8), "flows/f/flow.yaml"),
        FlowException.class).problems().get(0).toString();
  }

  private static List<String> validate(String yaml) {
    LoadedFlow loaded = FlowLoader.parse(yaml.getBytes(StandardCharsets.UTF_8), "flows/f/flow.yaml");
    return strings(FlowValidator.validate(loaded, FlowValidator.Context.standalone()));
  }

  private static List<String> strings(List<FlowProblem> problems) {
    return problems.stream().map(FlowProblem::toString).toList();
  }
}
