package dev.ivr.api.callback;

import dev.ivr.api.callback.ResourceData.Identity;
import dev.ivr.api.callback.ResourceData.IdentitySet;
import dev.ivr.api.callback.ResourceData.ParticipantInfo;
import dev.ivr.workflows.call.CallIds;
import dev.ivr.workflows.event.CallStateChanged;
import dev.ivr.workflows.event.GraphEvent;
import dev.ivr.workflows.event.IncomingCall;
import dev.ivr.workflows.event.OperationCompleted;
import dev.ivr.workflows.event.ResultInfo;
import dev.ivr.workflows.event.ToneReceived;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Turns a {@link CommsNotification} into the {@link GraphEvent}s of one call:
 *
 * <ul>
 *   <li>call {@code created} in state incoming → {@code CallStateChanged("incoming", who called whom)};
 *   <li>call {@code updated} → {@code CallStateChanged(state, resultInfo)}, then a {@code ToneReceived}
 *       when it carries {@code toneInfo};
 *   <li>call {@code deleted} → {@code CallStateChanged("terminated", resultInfo, terminationReason)};
 *   <li>operation with status completed or failed, or {@code deleted} → {@code OperationCompleted};
 *   <li>anything else (rosters, running operations, media-state chatter) → ignored.
 * </ul>
 *
 * Enum values are normalised to Graph's documented camelCase, whatever casing arrived. Pure and
 * stateless.
 */
final class NotificationMapper {

  private static final List<String> CALL_STATES =
      List.of(
          "incoming", "establishing", "ringing", "established", "hold", "transferring",
          "transferAccepted", "redirecting", "terminating", "terminated", "unknownFutureValue");
  private static final List<String> OPERATION_STATUSES = List.of("notStarted", "running", "completed", "failed");
  private static final List<String> DIRECTIONS = List.of("incoming", "outgoing");

  MappedNotification map(CommsNotification notification) {
    ResourceData data = notification.entity();
    ResourcePath path = ResourcePath.of(notification.resourceUrl(), notification.resource());
    if (path == null) {
      if (data != null && isCall(data) && data.id() != null && !data.id().isBlank()) {
        path = new ResourcePath(ResourcePath.Kind.CALL, data.id(), null);
      } else {
        return MappedNotification.ignored(null, "no call in resourceUrl or resource");
      }
    }
    if (path.kind() == ResourcePath.Kind.OTHER) {
      return MappedNotification.ignored(path.callId(), "not a call or operation resource");
    }
    if (notification.resourceData().size() > 1) {
      return MappedNotification.ignored(path.callId(), "resourceData is a collection");
    }
    if (path.kind() == ResourcePath.Kind.OPERATION) {
      return mapOperation(notification.changeType(), path, data);
    }
    return mapCall(notification.changeType(), withBodyCallId(path, data), data);
  }

  /** Graph addresses a call by the id in its body (lower case, dashes); the path may carry another spelling. */
  private static ResourcePath withBodyCallId(ResourcePath path, ResourceData data) {
    if (data != null && data.id() != null && !data.id().isBlank()
        && CallIds.normalise(data.id()).equals(CallIds.normalise(path.callId()))) {
      return new ResourcePath(path.kind(), data.id().trim(), null);
    }
    return path;
  }

  private MappedNotification mapCall(ChangeType changeType, ResourcePath path, ResourceData data) {
    String state = data == null ? null : canonical(data.state(), CALL_STATES);
    ResultInfo resultInfo = data == null ? null : resultInfo(data.resultInfo());
    switch (changeType) {
      case DELETED:
        return MappedNotification.events(path.callId(),
            List.of(new CallStateChanged("terminated", resultInfo, null, blankToNull(data == null ? null : data.terminationReason()))));
      case CREATED:
        if ("incoming".equals(state)) {
          String direction = data.direction() == null ? "incoming" : canonical(data.direction(), DIRECTIONS);
          IncomingCall incoming = incomingCall(data);
          return MappedNotification.incoming(
              path.callId(), new CallStateChanged("incoming", null, incoming), incoming.tenantId(), direction);
        }
        // an outgoing call we created: its state changes are ordinary events
        return stateAndTone(path, data, state, resultInfo);
      case UPDATED:
        return stateAndTone(path, data, state, resultInfo);
      default:
        return MappedNotification.ignored(path.callId(), "unknown changeType");
    }
  }

  private MappedNotification stateAndTone(ResourcePath path, ResourceData data, String state, ResultInfo resultInfo) {
    List<GraphEvent> events = new ArrayList<>(2);
    if (state != null) {
      events.add(new CallStateChanged(state, resultInfo, null));
    }
    if (data != null && data.toneInfo() != null && data.toneInfo().sequenceId() != null && data.toneInfo().tone() != null) {
      events.add(new ToneReceived(data.toneInfo().sequenceId(), canonicalTone(data.toneInfo().tone())));
    }
    return events.isEmpty()
        ? MappedNotification.ignored(path.callId(), "call update without state or toneInfo")
        : MappedNotification.events(path.callId(), events);
  }

  private MappedNotification mapOperation(ChangeType changeType, ResourcePath path, ResourceData data) {
    if (data == null) {
      return MappedNotification.ignored(path.callId(), "operation without resourceData");
    }
    String status = canonical(data.status(), OPERATION_STATUSES);
    boolean terminal = "completed".equals(status) || "failed".equals(status);
    if (!terminal && changeType != ChangeType.DELETED) {
      return MappedNotification.ignored(path.callId(), "operation not finished (" + status + ")");
    }
    String operationId = data.id() != null && !data.id().isBlank() ? data.id() : path.operationId();
    return MappedNotification.events(
        path.callId(),
        List.of(
            new OperationCompleted(
                operationId,
                operationType(data.odataType()),
                data.clientContext(),
                status,
                resultInfo(data.resultInfo()),
                data.completionReason(),
                blankToNull(data.recordingLocation()),
                blankToNull(data.recordingAccessToken()))));
  }

  private static IncomingCall incomingCall(ResourceData data) {
    Party caller = party(data.source() == null ? null : data.source().identity(), true);
    ParticipantInfo target = data.targets().isEmpty() ? null : data.targets().get(0);
    Party callee = party(target == null ? null : target.identity(), false);
    String tenantId = firstNonBlank(data.tenantId(), callee.tenantId(), caller.tenantId());
    return new IncomingCall(caller.id(), caller.kind(), callee.id(), callee.kind(), tenantId, data.callChainId());
  }

  private record Party(String id, String kind, String tenantId) {}

  /** A caller is most specifically a phone or a user; the bot an application instance or an app. */
  private static final List<Map.Entry<String, Function<IdentitySet, Identity>>> CALLER_KINDS =
      List.of(
          Map.entry("phone", IdentitySet::phone),
          Map.entry("user", IdentitySet::user),
          Map.entry("guest", IdentitySet::guest),
          Map.entry("applicationInstance", IdentitySet::applicationInstance),
          Map.entry("application", IdentitySet::application),
          Map.entry("device", IdentitySet::device),
          Map.entry("encrypted", IdentitySet::encrypted));

  private static final List<Map.Entry<String, Function<IdentitySet, Identity>>> TARGET_KINDS =
      List.of(
          Map.entry("applicationInstance", IdentitySet::applicationInstance),
          Map.entry("application", IdentitySet::application),
          Map.entry("user", IdentitySet::user),
          Map.entry("phone", IdentitySet::phone),
          Map.entry("guest", IdentitySet::guest),
          Map.entry("device", IdentitySet::device));

  private static Party party(IdentitySet set, boolean caller) {
    if (set != null) {
      for (Map.Entry<String, Function<IdentitySet, Identity>> kind : caller ? CALLER_KINDS : TARGET_KINDS) {
        Identity identity = kind.getValue().apply(set);
        if (identity != null) {
          return new Party(identity.id(), kind.getKey(), identity.tenantId());
        }
      }
    }
    return new Party(null, "unknown", null);
  }

  static ResultInfo resultInfo(ResourceData.ResultInfo wire) {
    if (wire == null || wire.code() == null && wire.subcode() == null && wire.message() == null) {
      return null;
    }
    return new ResultInfo(
        wire.code() == null ? 0 : wire.code(), wire.subcode() == null ? 0 : wire.subcode(), wire.message());
  }

  /** {@code #microsoft.graph.recordOperation} → {@code recordOperation}. */
  static String operationType(String odataType) {
    if (odataType == null || odataType.isBlank()) {
      return null;
    }
    String type = odataType.startsWith("#") ? odataType.substring(1) : odataType;
    int dot = type.lastIndexOf('.');
    String name = dot >= 0 ? type.substring(dot + 1) : type;
    return name.isEmpty() ? null : lowerFirst(name);
  }

  /** The documented spelling of {@code value} when it matches one ignoring case, else camelCase of what came. */
  static String canonical(String value, List<String> known) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String v = value.trim();
    for (String k : known) {
      if (k.equalsIgnoreCase(v)) {
        return k;
      }
    }
    return lowerFirst(v);
  }

  /** Tones are tone0…tone9, star, pound, a…d, flash: all lower case. */
  static String canonicalTone(String tone) {
    return tone.trim().toLowerCase(Locale.ROOT);
  }

  private static boolean isCall(ResourceData data) {
    return data.odataType() != null && data.odataType().toLowerCase(Locale.ROOT).endsWith("graph.call");
  }

  private static String lowerFirst(String s) {
    return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  private static String firstNonBlank(String... values) {
    for (String v : values) {
      if (v != null && !v.isBlank()) {
        return v;
      }
    }
    return null;
  }
}
