package dev.ivr.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The module map and the package rules inside the modules, as the README states them, checked on
 * every module's main classes. Maven already keeps the modules' dependencies one-way; these rules
 * keep what Maven cannot see: which packages may use which, the cycles that were broken, and the one
 * place in the api that starts call workflows.
 *
 * <p>ArchUnit reads bytecode: a use of a compile-time constant ({@code static final String}) of
 * another class is inlined by javac and is invisible here.
 */
@AnalyzeClasses(packages = "dev.ivr", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  // ------------------------------------------------------------------ modules

  /** Each module's root package, by module: dev.ivr.(workflows|flowtools|recordings|…). */
  @ArchTest
  static final ArchRule modules_haveNoCycles =
      slices().matching("dev.ivr.(*)..").namingSlices("module $1").should().beFreeOfCycles();

  @ArchTest
  static final ArchRule workflows_dependsOnNoOtherModule =
      noClasses().that().resideInAPackage("dev.ivr.workflows..")
          .should().dependOnClassesThat(ourPackagesOutside("dev.ivr.workflows.."));

  @ArchTest
  static final ArchRule workflows_isDeterministic_noSpringNoHttpNoFiles =
      noClasses().that().resideInAPackage("dev.ivr.workflows..")
          .should().dependOnClassesThat().resideInAnyPackage(
              "org.springframework..", "java.net.http..", "java.nio.file..", "okhttp3..", "com.microsoft..")
          .orShould().dependOnClassesThat().belongToAnyOf(java.io.File.class, java.util.Random.class);

  @ArchTest
  static final ArchRule flowTools_usesOnlyWorkflows =
      noClasses().that().resideInAPackage("dev.ivr.flowtools..")
          .should().dependOnClassesThat(ourPackagesOutside("dev.ivr.flowtools..", "dev.ivr.workflows.."));

  @ArchTest
  static final ArchRule recordings_usesNothingOfOurs =
      noClasses().that().resideInAPackage("dev.ivr.recordings..")
          .should().dependOnClassesThat(ourPackagesOutside("dev.ivr.recordings.."));

  @ArchTest
  static final ArchRule activities_useWorkflowsAndRecordingsOnly =
      noClasses().that().resideInAPackage("dev.ivr.activities..")
          .should().dependOnClassesThat(ourPackagesOutside("dev.ivr.activities..", "dev.ivr.workflows..",
              "dev.ivr.recordings.."));

  @ArchTest
  static final ArchRule worker_usesWorkflowsActivitiesAndRecordings =
      noClasses().that().resideInAPackage("dev.ivr.worker..")
          .should().dependOnClassesThat(ourPackagesOutside("dev.ivr.worker..", "dev.ivr.workflows..",
              "dev.ivr.activities..", "dev.ivr.recordings..", "dev.ivr.codec.."));

  @ArchTest
  static final ArchRule api_usesWorkflowsFlowToolsAndRecordings =
      noClasses().that().resideInAPackage("dev.ivr.api..")
          .should().dependOnClassesThat(ourPackagesOutside("dev.ivr.api..", "dev.ivr.workflows..",
              "dev.ivr.flowtools..", "dev.ivr.recordings..", "dev.ivr.codec.."));

  /** The payload codec depends on the Temporal SDK and the JDK's crypto only: every client can take it. */
  @ArchTest
  static final ArchRule codec_usesNothingOfOurs =
      noClasses().that().resideInAPackage("dev.ivr.codec..")
          .should().dependOnClassesThat(ourPackagesOutside("dev.ivr.codec.."));

  /** The codec server is reached only through the api's security configuration's path rule and CORS source. */
  @ArchTest
  static final ArchRule onlyTheApiServesTheCodec =
      noClasses().that().resideInAPackage("dev.ivr.api..").and().resideOutsideOfPackage("dev.ivr.api.codec..")
          .should().dependOnClassesThat().haveFullyQualifiedName("dev.ivr.codec.CodecProtocol");

  @ArchTest
  static final ArchRule graphEmulator_usesNothingOfOurs =
      noClasses().that().resideInAPackage("dev.ivr.emulator..")
          .should().dependOnClassesThat(ourPackagesOutside("dev.ivr.emulator.."));

  /**
   * The tools on top: the embedded system is used by the launcher, the flow-test runner and the
   * benchmark; the flow-test runner by the launcher and replay; nothing uses the launcher or the benchmark.
   */
  @ArchTest
  static final ArchRule nothing_usesTheLauncherOrTheBenchmark =
      noClasses().that().resideOutsideOfPackages("dev.ivr.launcher..", "dev.ivr.bench..")
          .should().dependOnClassesThat().resideInAnyPackage("dev.ivr.launcher..", "dev.ivr.bench..");

  @ArchTest
  static final ArchRule flowTestRunner_isUsedByTheLauncherAndReplayOnly =
      noClasses().that().resideOutsideOfPackages("dev.ivr.flowtest..", "dev.ivr.launcher..", "dev.ivr.replay..")
          .should().dependOnClassesThat().resideInAPackage("dev.ivr.flowtest..");

  @ArchTest
  static final ArchRule embeddedSystem_isUsedByTheToolsOnTopOnly =
      noClasses().that().resideOutsideOfPackages("dev.ivr.embedded..", "dev.ivr.flowtest..", "dev.ivr.bench..",
              "dev.ivr.launcher..", "dev.ivr.replay..")
          .should().dependOnClassesThat().resideInAPackage("dev.ivr.embedded..");

  /** Controllers never call Graph: only the activities speak to Graph. */
  @ArchTest
  static final ArchRule onlyTheActivities_useTheGraphSdk =
      noClasses().that().resideOutsideOfPackages("dev.ivr.activities..", "dev.ivr.worker..")
          .and().resideInAPackage("dev.ivr..")
          .should().dependOnClassesThat().resideInAnyPackage("com.microsoft.graph..", "com.microsoft.aad.msal4j..");

  // ------------------------------------------------------------------ workflows, by feature

  /**
   * The Graph events are the signal payloads: the api, the activities and the workflow all use
   * them, so they use nothing of the workflow's. This broke the old graph ↔ call cycle.
   */
  @ArchTest
  static final ArchRule workflowEvents_dependOnNoOtherWorkflowPackage =
      noClasses().that().resideInAPackage("dev.ivr.workflows.event..")
          .should().dependOnClassesThat(ourPackagesOutside("dev.ivr.workflows.event.."));

  /**
   * A flow secret's value is read only by the http activity, which puts it into the request it sends:
   * never by workflow code (it would land in history), the api or the wiring that only passes the store on.
   */
  @ArchTest
  static final ArchRule flowSecrets_areReadOnlyByTheHttpActivity =
      noClasses().that().resideOutsideOfPackage("dev.ivr.activities.external..")
          .should().callMethod("dev.ivr.activities.external.FlowSecrets", "value", "java.lang.String");

  /** The activity interfaces and their requests: the flow model and the events, never the call. */
  @ArchTest
  static final ArchRule graphActivityInterfaces_doNotDependOnTheCall =
      noClasses().that().resideInAnyPackage("dev.ivr.workflows.graph..", "dev.ivr.workflows.external..")
          .should().dependOnClassesThat(ourPackagesOutside("dev.ivr.workflows.graph..", "dev.ivr.workflows.external..",
              "dev.ivr.workflows.event..", "dev.ivr.workflows.flow.."));

  /** The flow model (and CEL) knows nothing of the calls that run it. */
  @ArchTest
  static final ArchRule flowModel_dependsOnNothingElse =
      noClasses().that().resideInAPackage("dev.ivr.workflows.flow..")
          .should().dependOnClassesThat(ourPackagesOutside("dev.ivr.workflows.flow.."));

  /** The WAV header parser is pure code on bytes, shared by flow-tools and the activities. */
  @ArchTest
  static final ArchRule wavParser_dependsOnNothingElse =
      noClasses().that().resideInAPackage("dev.ivr.workflows.media..")
          .should().dependOnClassesThat(ourPackagesOutside("dev.ivr.workflows.media.."));

  /** Operator actions ask of a call only what OperableCall says (and check targets as Graph requests do). */
  @ArchTest
  static final ArchRule operatorActions_doNotDependOnTheCall =
      noClasses().that().resideInAPackage("dev.ivr.workflows.operator..")
          .should().dependOnClassesThat(ourPackagesOutside("dev.ivr.workflows.operator..", "dev.ivr.workflows.graph.."));

  /**
   * No cycles between the workflow's packages, but for one composition point: the call
   * ({@code CallWorkflowImpl}, {@code CallSession}) creates and holds the interpreter's parts and the
   * visibility, which in turn work on the session.
   */
  @ArchTest
  static final ArchRule workflowPackages_haveNoCycles_butTheCallsComposition =
      slices().matching("dev.ivr.workflows.(*)..").namingSlices("workflows.$1").should().beFreeOfCycles()
          .ignoreDependency(resideInAPackage("dev.ivr.workflows.call"),
              resideInAnyPackage("dev.ivr.workflows.interpreter", "dev.ivr.workflows.visibility"));

  // ------------------------------------------------------------------ graph emulator

  /** The admin API works through the EmulatorAdmin interface: GraphEmulator ↔ AdminRoutes is no circle. */
  @ArchTest
  static final ArchRule emulatorAdmin_doesNotKnowTheFacade =
      noClasses().that().resideInAPackage("dev.ivr.emulator.admin..")
          .should().dependOnClassesThat().haveFullyQualifiedName("dev.ivr.emulator.GraphEmulator");

  /** Only the facade (and what starts it) composes the emulator's parts. */
  @ArchTest
  static final ArchRule emulatorParts_doNotDependOnTheFacade =
      noClasses().that().resideInAPackage("dev.ivr.emulator.*..")
          .should().dependOnClassesThat().haveFullyQualifiedName("dev.ivr.emulator.GraphEmulator");

  /** The call lifecycle sits below outbound placement, media requests and the admin operations. */
  @ArchTest
  static final ArchRule emulatorCallLifecycle_isBelowItsUsers =
      noClasses().that().haveFullyQualifiedName("dev.ivr.emulator.graph.CallEngine")
          .should().dependOnClassesThat().haveNameMatching(
              "dev\\.ivr\\.emulator\\.graph\\.(OutboundCalls|MediaRequests|CallAdmin|GraphCalls)");

  // ------------------------------------------------------------------ api

  /** One class starts and signals call workflows; the webhook and outbound calls go through it. */
  @ArchTest
  static final ArchRule webhookAndOutbound_startCallsOnlyThroughCallWorkflows =
      noClasses().that().resideInAnyPackage("dev.ivr.api.callback..", "dev.ivr.api.outbound..")
          .should().dependOnClassesThat().resideInAPackage("io.temporal.client..");

  /** One "Temporal unavailable" type in the api: the webhook, outbound calls and the console use it. */
  @ArchTest
  static final ArchRule oneTemporalUnavailableException =
      classes().that().haveSimpleNameEndingWith("TemporalUnavailableException")
          .should().haveFullyQualifiedName("dev.ivr.api.temporal.TemporalUnavailableException");

  /**
   * Tokens are read in one place: only the security package touches Spring's OAuth2 client, OpenID
   * Connect and JWT types. The console and every other controller learn who is asking through
   * {@code security.Operators} (name and object id), so the audit is named the same way everywhere.
   */
  @ArchTest
  static final ArchRule onlyTheSecurityPackage_readsOperatorTokens =
      noClasses().that().resideInAPackage("dev.ivr.api..").and().resideOutsideOfPackage("dev.ivr.api.security..")
          .should().dependOnClassesThat().resideInAPackage("org.springframework.security.oauth2..");

  /** JWTs themselves: the operators' (security) and Graph's notification tokens (callback.token), nowhere else. */
  @ArchTest
  static final ArchRule jwts_areReadBySecurityAndTheNotificationCheckOnly =
      noClasses().that().resideInAPackage("dev.ivr.api..")
          .and().resideOutsideOfPackages("dev.ivr.api.security..", "dev.ivr.api.callback.token..")
          .should().dependOnClassesThat().resideInAPackage("com.nimbusds..");

  /** Our packages (dev.ivr…) other than the given ones. */
  private static com.tngtech.archunit.base.DescribedPredicate<JavaClass> ourPackagesOutside(String... allowed) {
    return describe("classes of ours outside " + String.join(", ", allowed),
        c -> c.getPackageName().startsWith("dev.ivr.") && !resideInAnyPackage(allowed).test(c));
  }
}
