package dev.ivr.workflows.flow;

import java.util.Map;

/**
 * Test support: the flow nodes with many fields, built by name instead of by position
 * ({@code Nodes.menu("greeting").choice("1", "end").bargeIn(false).build()}). Fields left unset are
 * null, as in a flow file, and take the node's defaults.
 */
public final class Nodes {
  private Nodes() {}

  public static Menu menu(String greeting) {
    Menu b = new Menu();
    b.greeting = greeting;
    return b;
  }

  public static Digits collectDigits(String prompt, String variable) {
    Digits b = new Digits();
    b.prompt = prompt;
    b.variable = variable;
    return b;
  }

  public static Http http(String method, String url) {
    Http b = new Http();
    b.method = method;
    b.url = url;
    return b;
  }

  public static Record record() {
    Record b = new Record();
    return b;
  }

  /** Builds a {@link MenuNode}. */
  public static final class Menu {
    private String greeting;
    private String shortGreeting;
    private Map<String, String> choices;
    private String invalidPrompt;
    private String timeoutPrompt;
    private Map<Integer, String> noInputPrompts;
    private Map<Integer, String> noMatchPrompts;
    private Integer timeoutSeconds;
    private Integer maxFailures;
    private Integer maxTimeouts;
    private Boolean bargeIn;
    private String variable;
    private String onMaxFailures;
    private String onMaxTimeouts;
    private String onError;

    public Menu shortGreeting(String shortGreeting) {
      this.shortGreeting = shortGreeting;
      return this;
    }

    public Menu choices(Map<String, String> choices) {
      this.choices = choices;
      return this;
    }

    public Menu invalidPrompt(String invalidPrompt) {
      this.invalidPrompt = invalidPrompt;
      return this;
    }

    public Menu timeoutPrompt(String timeoutPrompt) {
      this.timeoutPrompt = timeoutPrompt;
      return this;
    }

    public Menu noInputPrompts(Map<Integer, String> noInputPrompts) {
      this.noInputPrompts = noInputPrompts;
      return this;
    }

    public Menu noMatchPrompts(Map<Integer, String> noMatchPrompts) {
      this.noMatchPrompts = noMatchPrompts;
      return this;
    }

    public Menu timeoutSeconds(Integer timeoutSeconds) {
      this.timeoutSeconds = timeoutSeconds;
      return this;
    }

    public Menu maxFailures(Integer maxFailures) {
      this.maxFailures = maxFailures;
      return this;
    }

    public Menu maxTimeouts(Integer maxTimeouts) {
      this.maxTimeouts = maxTimeouts;
      return this;
    }

    public Menu bargeIn(Boolean bargeIn) {
      this.bargeIn = bargeIn;
      return this;
    }

    public Menu variable(String variable) {
      this.variable = variable;
      return this;
    }

    public Menu onMaxFailures(String onMaxFailures) {
      this.onMaxFailures = onMaxFailures;
      return this;
    }

    public Menu onMaxTimeouts(String onMaxTimeouts) {
      this.onMaxTimeouts = onMaxTimeouts;
      return this;
    }

    public Menu onError(String onError) {
      this.onError = onError;
      return this;
    }

    /** One more choice: key → node. */
    public Menu choice(String key, String node) {
      choices = choices == null ? new java.util.LinkedHashMap<>() : new java.util.LinkedHashMap<>(choices);
      choices.put(key, node);
      return this;
    }

    public MenuNode build() {
      return new MenuNode(greeting, shortGreeting, choices, invalidPrompt, timeoutPrompt, noInputPrompts, noMatchPrompts, timeoutSeconds, maxFailures, maxTimeouts, bargeIn, variable, onMaxFailures, onMaxTimeouts, onError);
    }
  }

  /** Builds a {@link CollectDigitsNode}. */
  public static final class Digits {
    private String prompt;
    private String variable;
    private Integer minDigits;
    private Integer maxDigits;
    private String terminator;
    private Integer firstDigitTimeoutSeconds;
    private Integer interDigitTimeoutSeconds;
    private String pattern;
    private Integer maxAttempts;
    private String noInputPrompt;
    private String noMatchPrompt;
    private Boolean bargeIn;
    private String next;
    private String onNoInput;
    private String onNoMatch;
    private String onError;

    public Digits minDigits(Integer minDigits) {
      this.minDigits = minDigits;
      return this;
    }

    public Digits maxDigits(Integer maxDigits) {
      this.maxDigits = maxDigits;
      return this;
    }

    public Digits terminator(String terminator) {
      this.terminator = terminator;
      return this;
    }

    public Digits firstDigitTimeoutSeconds(Integer firstDigitTimeoutSeconds) {
      this.firstDigitTimeoutSeconds = firstDigitTimeoutSeconds;
      return this;
    }

    public Digits interDigitTimeoutSeconds(Integer interDigitTimeoutSeconds) {
      this.interDigitTimeoutSeconds = interDigitTimeoutSeconds;
      return this;
    }

    public Digits pattern(String pattern) {
      this.pattern = pattern;
      return this;
    }

    public Digits maxAttempts(Integer maxAttempts) {
      this.maxAttempts = maxAttempts;
      return this;
    }

    public Digits noInputPrompt(String noInputPrompt) {
      this.noInputPrompt = noInputPrompt;
      return this;
    }

    public Digits noMatchPrompt(String noMatchPrompt) {
      this.noMatchPrompt = noMatchPrompt;
      return this;
    }

    public Digits bargeIn(Boolean bargeIn) {
      this.bargeIn = bargeIn;
      return this;
    }

    public Digits next(String next) {
      this.next = next;
      return this;
    }

    public Digits onNoInput(String onNoInput) {
      this.onNoInput = onNoInput;
      return this;
    }

    public Digits onNoMatch(String onNoMatch) {
      this.onNoMatch = onNoMatch;
      return this;
    }

    public Digits onError(String onError) {
      this.onError = onError;
      return this;
    }

    private Boolean secure;

    public Digits secure(Boolean secure) {
      this.secure = secure;
      return this;
    }

    public CollectDigitsNode build() {
      return new CollectDigitsNode(prompt, variable, minDigits, maxDigits, terminator, firstDigitTimeoutSeconds, interDigitTimeoutSeconds, pattern, maxAttempts, noInputPrompt, noMatchPrompt, bargeIn, next, onNoInput, onNoMatch, onError, secure);
    }
  }

  /** Builds a {@link HttpNode}. */
  public static final class Http {
    private String method;
    private String url;
    private Map<String, String> headers;
    private String body;
    private Integer timeoutSeconds;
    private HttpNode.Retry retry;
    private Map<String, String> responseMapping;
    private String next;
    private String onError;
    private Map<String, String> onStatus;
    private java.util.List<BranchNode.Condition> branches;
    private HttpAuth auth;

    public Http onStatus(Map<String, String> onStatus) {
      this.onStatus = onStatus;
      return this;
    }

    public Http branches(java.util.List<BranchNode.Condition> branches) {
      this.branches = branches;
      return this;
    }

    public Http auth(HttpAuth auth) {
      this.auth = auth;
      return this;
    }

    public Http headers(Map<String, String> headers) {
      this.headers = headers;
      return this;
    }

    public Http body(String body) {
      this.body = body;
      return this;
    }

    public Http timeoutSeconds(Integer timeoutSeconds) {
      this.timeoutSeconds = timeoutSeconds;
      return this;
    }

    public Http retry(HttpNode.Retry retry) {
      this.retry = retry;
      return this;
    }

    public Http responseMapping(Map<String, String> responseMapping) {
      this.responseMapping = responseMapping;
      return this;
    }

    public Http next(String next) {
      this.next = next;
      return this;
    }

    public Http onError(String onError) {
      this.onError = onError;
      return this;
    }

    public HttpNode build() {
      return new HttpNode(method, url, headers, body, timeoutSeconds, retry, responseMapping, next, onError, onStatus,
          branches, auth);
    }
  }

  /** Builds a {@link RecordNode}. */
  public static final class Record {
    private String prompt;
    private RecordSettings settings;
    private String variable;
    private Map<String, String> outcomes;
    private String next;
    private String noInput;
    private String onError;

    public Record prompt(String prompt) {
      this.prompt = prompt;
      return this;
    }

    public Record settings(RecordSettings settings) {
      this.settings = settings;
      return this;
    }

    public Record variable(String variable) {
      this.variable = variable;
      return this;
    }

    public Record outcomes(Map<String, String> outcomes) {
      this.outcomes = outcomes;
      return this;
    }

    public Record next(String next) {
      this.next = next;
      return this;
    }

    public Record noInput(String noInput) {
      this.noInput = noInput;
      return this;
    }

    public Record onError(String onError) {
      this.onError = onError;
      return this;
    }

    public RecordNode build() {
      return new RecordNode(prompt, settings, variable, outcomes, next, noInput, onError);
    }
  }
}
